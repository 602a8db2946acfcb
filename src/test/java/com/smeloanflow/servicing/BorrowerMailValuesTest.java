package com.smeloanflow.servicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.smeloanflow.approval.RepaymentMethod;
import com.smeloanflow.intake.Channel;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import com.smeloanflow.notification.MailRenderer;
import com.smeloanflow.notification.MailTemplate;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The borrower's mails never say "null": a loan that is not in arrears has no overdue date, a loan still being repaid no
 * settlement date, and a mail that needs one of them is not rendered (the outbox queues it FAILED for an operator).
 */
class BorrowerMailValuesTest {

  private static final String LOAN = "LN20270107000001";
  private static final String APPLICATION = "SL20261201000001";
  private static final LocalDate DISBURSED = LocalDate.of(2026, 12, 7);
  private static final BigDecimal ZERO = new BigDecimal("0.00");

  private final LoanAccountService loans = mock(LoanAccountService.class);
  private final LoanApplicationRepository applications = mock(LoanApplicationRepository.class);
  private final BorrowerMailValues provider = new BorrowerMailValues(loans, applications, new PenaltyInterest(new BigDecimal("50")),
      mock(BusinessClock.class));

  /** A 100,000 loan of 12 months paid out on 2026-12-07, as it stands after the close of {@code closedOn}. */
  private Map<String, String> valuesOf(LocalDate overdueSince, LocalDate settledOn) {
    BigDecimal principal = new BigDecimal("100000.00");
    List<Instalment> schedule = new RepaymentScheduleCalculator().schedule(principal, new BigDecimal("4.35"), 12,
        RepaymentMethod.EQUAL_INSTALMENT, DISBURSED);
    when(loans.find(LOAN)).thenReturn(Optional.of(new LoanAccount(LOAN, APPLICATION, "91520303MA6DKQ8X4A",
        "遵义市汇川区明达机械加工有限公司", "ZY001", "GROWTH", principal, new BigDecimal("4.35"), 12,
        RepaymentMethod.EQUAL_INSTALMENT, DISBURSED, DISBURSED.plusMonths(12), "CORE-1",
        settledOn == null ? LoanAccount.ACTIVE : LoanAccount.SETTLED, schedule)));
    when(applications.get(APPLICATION)).thenReturn(new LoanApplication(APPLICATION, Channel.BRANCH_COUNTER, "ZY001",
        Product.GROWTH, "遵义市汇川区明达机械加工有限公司", "91520303MA6DKQ8X4A", "C34", LocalDate.of(2016, 4, 18),
        new BigDecimal("6500000.00"), "张明", "52030219850714321X", "13985012345", "zhangming@example.com", principal, 12,
        "补充流动资金", GuaranteeType.CREDIT, null, null, null, List.of(), "channel", Instant.parse("2026-12-01T01:00:00Z")));
    when(loans.standing(LOAN)).thenReturn(Optional.of(new LoanStanding(LOAN,
        settledOn == null ? LoanAccount.ACTIVE : LoanAccount.SETTLED, overdueSince == null ? 0 : 3, overdueSince, null,
        null, null, LocalDate.of(2027, 1, 10), settledOn, null, null)));
    BigDecimal owed = settledOn == null ? principal : ZERO;
    when(loans.balances(LOAN)).thenReturn(new LoanBalances(owed, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO));
    Map<String, String> values = new HashMap<>(provider.values(LOAN));
    values.put("today", "2027年1月10日");
    return values;
  }

  @Test
  void aLoanInGoodStandingIsNeverToldItIsOverdueSinceNullNorSettledOnNull() {
    Map<String, String> values = valuesOf(null, null);

    assertThat(values).doesNotContainValue("null");
    assertThatThrownBy(() -> new MailRenderer().render(MailTemplate.OVERDUE_REMINDER, values))
        .as("a reminder for a loan that is not overdue is not rendered").hasMessageContaining("${overdueSince}");
    assertThatThrownBy(() -> new MailRenderer().render(MailTemplate.LOAN_SETTLED, values))
        .as("a settlement notice for a loan still being repaid is not rendered").hasMessageContaining("${closedOn}");
  }

  @Test
  void anOverdueLoansReminderAndASettledLoansNoticeSayTheirDates() {
    assertThat(new MailRenderer().render(MailTemplate.OVERDUE_REMINDER, valuesOf(LocalDate.of(2027, 1, 7), null)).body())
        .contains("自2027年1月7日起", "截至2027年1月10日").doesNotContain("null", "2027-");
    assertThat(new MailRenderer().render(MailTemplate.LOAN_SETTLED, valuesOf(null, LocalDate.of(2027, 1, 10))).body())
        .contains("已于2027年1月10日全部还清").doesNotContain("null", "2027-");
  }
}
