package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.support.AbstractIntegrationTest;
import com.smeloanflow.support.Concurrently;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link RepaymentService} on a written-off loan (核销后收回): a recovery is booked once per transaction id, never above
 * the claim remaining (also when recoveries race), never dated before the write-off, and its reversal restores the
 * claim once. The loan (100,000.00 CNY, nothing repaid, no instalment due yet) was written off yesterday: the claim is
 * its principal, 100,000.00 CNY.
 */
class RecoveryServiceTest extends AbstractIntegrationTest {

  @Autowired LoanAccountService loans;
  @Autowired RepaymentService repayments;
  @Autowired BusinessClock clock;

  LoanAccount loan;

  @BeforeEach
  void writeOff() {
    loan = TestLoans.with(intakeService, loans).disbursedOn(clock.today().minusDays(10));
    loans.writeOff(new WriteOffLoan(loan.loanId(), clock.today().minusDays(1), "collector2", "测试核销"));
  }

  RepaymentService.Receipt recover(String transactionId, String amount, LocalDate valueDate) {
    return repayments.receive(new ReceiveRepayment(loan.loanId(), transactionId, new BigDecimal(amount), valueDate,
        "core-banking"));
  }

  static String transactionId() {
    return "RS" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  WrittenOffClaim claim() {
    return repayments.claim(loan.loanId()).orElseThrow();
  }

  @Test
  void theSameRecoveryReportedAgainIsAnsweredWithTheFirstAndBookedOnce() {
    String transaction = transactionId();

    RepaymentService.Receipt first = recover(transaction, "2500.00", clock.today());
    RepaymentService.Receipt again = recover(transaction, "2500.00", clock.today());

    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.repayment()).isEqualTo(first.repayment());
    assertThat(claim().recovered()).isEqualByComparingTo("2500.00");
    assertThatThrownBy(() -> recover(transaction, "2500.00", clock.today().minusDays(1)))
        .isInstanceOf(StateConflictException.class).hasMessageContaining("transactionId");
    assertThat(claim().recovered()).isEqualByComparingTo("2500.00");
  }

  @Test
  void aRecoveryAboveTheClaimRemainingIsRefusedAndNothingIsBooked() {
    recover(transactionId(), "99000.00", clock.today());

    assertThatThrownBy(() -> recover(transactionId(), "1000.01", clock.today()))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.code()).isEqualTo("EXCEEDS_CLAIM");
              assertThat(v.message()).contains("1000.00");
            }));
    assertThat(claim().remaining()).isEqualByComparingTo("1000.00");
    assertThat(repayments.recoveriesOf(loan.loanId())).hasSize(1);
  }

  @Test
  void aRecoveryDatedBeforeTheWriteOffIsRefused() {
    assertThatThrownBy(() -> recover(transactionId(), "100.00", clock.today().minusDays(2)))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> assertThat(v.code()).isEqualTo("BEFORE_WRITE_OFF")));
    assertThat(repayments.recoveriesOf(loan.loanId())).isEmpty();
  }

  @Test
  void aReversedRecoveryIsOwedAgainOnceAndTheLoanStaysWrittenOff() {
    String transaction = transactionId();
    recover(transaction, "40000.00", clock.today());
    recover(transactionId(), "10000.00", clock.today());

    RepaymentService.Receipt reversed = repayments.reverse(new ReverseRepayment(loan.loanId(), transaction, "退票", "core-banking"));
    RepaymentService.Receipt again = repayments.reverse(new ReverseRepayment(loan.loanId(), transaction, "退票", "core-banking"));

    assertThat(reversed.repayment().reversed()).isTrue();
    assertThat(again.replayed()).isTrue();
    assertThat(claim().recovered()).isEqualByComparingTo("10000.00");
    assertThat(claim().remaining()).isEqualByComparingTo("90000.00");
    assertThat(loans.standing(loan.loanId()).orElseThrow().status()).isEqualTo(LoanAccount.WRITTEN_OFF);
  }

  @Test
  void racingRecoveriesNeverRecoverMoreThanTheClaim() throws Exception {
    AtomicInteger next = new AtomicInteger();

    List<String> outcomes = Concurrently.run(6, () -> {
      try {
        recover("RACE" + loan.loanId() + "-" + next.incrementAndGet(), "30000.00", clock.today());
        return "BOOKED";
      } catch (InvalidFieldsException e) {
        return e.violations().get(0).code();
      }
    });

    assertThat(outcomes).filteredOn("BOOKED"::equals).hasSize(3);
    assertThat(outcomes).filteredOn("EXCEEDS_CLAIM"::equals).hasSize(3);
    assertThat(claim().recovered()).isEqualByComparingTo("90000.00");
    assertThat(claim().remaining()).isEqualByComparingTo("10000.00");
  }

  @Test
  void racingReplaysOfOneRecoveryBookItOnce() throws Exception {
    String transaction = transactionId();

    List<Boolean> replayed = Concurrently.run(6, () -> recover(transaction, "5000.00", clock.today()).replayed());

    assertThat(replayed).filteredOn(r -> !r).hasSize(1);
    assertThat(claim().recovered()).isEqualByComparingTo("5000.00");
  }
}
