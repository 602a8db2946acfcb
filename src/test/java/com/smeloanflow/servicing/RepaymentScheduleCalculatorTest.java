package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;

import static com.smeloanflow.approval.RepaymentMethod.EQUAL_INSTALMENT;
import static com.smeloanflow.approval.RepaymentMethod.EQUAL_PRINCIPAL;
import static com.smeloanflow.approval.RepaymentMethod.INTEREST_FIRST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RepaymentScheduleCalculatorTest {

  private static final BigDecimal HUNDRED_THOUSAND = new BigDecimal("100000.00");
  private static final BigDecimal RATE_4_35 = new BigDecimal("4.35");
  private static final LocalDate MID_MONTH = LocalDate.of(2025, 3, 15);

  private final RepaymentScheduleCalculator calculator = new RepaymentScheduleCalculator();

  @Test
  void equalInstalmentChargesTheAnnuityEveryMonth() {
    List<Instalment> schedule = calculator.schedule(HUNDRED_THOUSAND, RATE_4_35, 12, EQUAL_INSTALMENT, MID_MONTH);

    // Annuity P·r·(1+r)^n/((1+r)^n−1) with r = 4.35%/12 = 0.3625%: 8,530.990036… a month.
    assertThat(annuity(HUNDRED_THOUSAND, RATE_4_35, 12)).isEqualByComparingTo("8530.99");
    assertThat(schedule).hasSize(12);
    assertThat(schedule.subList(0, 11)).allSatisfy(i -> assertThat(i.total()).isEqualTo(money("8530.99")));
    Instalment first = schedule.get(0);
    assertThat(first.interest()).isEqualTo(money("362.50"));
    assertThat(first.principal()).isEqualTo(money("8168.49"));
    assertThat(first.remainingPrincipal()).isEqualTo(money("91831.51"));
    Instalment last = schedule.get(11);
    assertThat(last.principal()).isEqualTo(money("8500.20"));
    assertThat(last.interest()).isEqualTo(money("30.81"));
    assertThat(last.total()).isEqualTo(money("8531.01"));
    assertThat(last.remainingPrincipal()).isEqualTo(money("0.00"));
    assertThat(sum(schedule, Instalment::interest)).isEqualTo(money("2371.90"));
  }

  @Test
  void interestFirstChargesInterestMonthlyAndThePrincipalAtMaturity() {
    List<Instalment> schedule = calculator.schedule(HUNDRED_THOUSAND, RATE_4_35, 12, INTEREST_FIRST, MID_MONTH);

    assertThat(schedule.subList(0, 11)).allSatisfy(i -> {
      assertThat(i.principal()).isEqualTo(money("0.00"));
      assertThat(i.interest()).isEqualTo(money("362.50"));
      assertThat(i.total()).isEqualTo(money("362.50"));
      assertThat(i.remainingPrincipal()).isEqualTo(HUNDRED_THOUSAND);
    });
    Instalment maturity = schedule.get(11);
    assertThat(maturity.principal()).isEqualTo(HUNDRED_THOUSAND);
    assertThat(maturity.interest()).isEqualTo(money("362.50"));
    assertThat(maturity.total()).isEqualTo(money("100362.50"));
    assertThat(maturity.remainingPrincipal()).isEqualTo(money("0.00"));
    assertThat(maturity.dueDate()).isEqualTo(LocalDate.of(2026, 3, 15));
  }

  @Test
  void equalPrincipalRepaysTheSamePrincipalWithFallingInterest() {
    List<Instalment> schedule = calculator.schedule(HUNDRED_THOUSAND, RATE_4_35, 12, EQUAL_PRINCIPAL, MID_MONTH);

    assertThat(schedule.subList(0, 11)).allSatisfy(i -> assertThat(i.principal()).isEqualTo(money("8333.33")));
    assertThat(schedule.get(11).principal()).isEqualTo(money("8333.37"));
    assertThat(schedule.get(0).interest()).isEqualTo(money("362.50"));
    assertThat(schedule.get(0).total()).isEqualTo(money("8695.83"));
    // Second month: 0.3625% of 91,666.67 still owed.
    assertThat(schedule.get(1).interest()).isEqualTo(money("332.29"));
    // Last month: 0.3625% of 8,333.37.
    assertThat(schedule.get(11).interest()).isEqualTo(money("30.21"));
    for (int k = 1; k < schedule.size(); k++) {
      assertThat(schedule.get(k).interest()).isLessThan(schedule.get(k - 1).interest());
    }
  }

  @ParameterizedTest
  @EnumSource(RepaymentMethod.class)
  void principalPartsAddUpExactlyToThePrincipal(RepaymentMethod method) {
    BigDecimal principal = new BigDecimal("333333.33");
    List<Instalment> schedule = calculator.schedule(principal, new BigDecimal("5.1250"), 37, method, MID_MONTH);

    assertThat(schedule).hasSize(37);
    assertThat(sum(schedule, Instalment::principal)).isEqualTo(principal);
    assertThat(schedule.get(36).remainingPrincipal()).isEqualTo(money("0.00"));
    BigDecimal owed = principal;
    for (Instalment instalment : schedule) {
      owed = owed.subtract(instalment.principal());
      assertThat(instalment.remainingPrincipal()).isEqualTo(owed);
      assertThat(instalment.total()).isEqualTo(instalment.principal().add(instalment.interest()));
      assertThat(instalment.principal().scale()).isEqualTo(2);
      assertThat(instalment.interest().scale()).isEqualTo(2);
      assertThat(instalment.principal().signum()).isNotNegative();
    }
  }

  @Test
  void instalmentsFallOnTheDisbursementDayOrTheLastDayOfShorterMonths() {
    List<Instalment> schedule = calculator.schedule(HUNDRED_THOUSAND, RATE_4_35, 6, EQUAL_INSTALMENT,
        LocalDate.of(2024, 1, 31));

    assertThat(schedule).extracting(Instalment::dueDate).containsExactly(
        LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 31), LocalDate.of(2024, 4, 30),
        LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 30), LocalDate.of(2024, 7, 31));
    assertThat(calculator.schedule(HUNDRED_THOUSAND, RATE_4_35, 1, EQUAL_INSTALMENT, LocalDate.of(2025, 1, 31)).get(0).dueDate())
        .isEqualTo(LocalDate.of(2025, 2, 28));
    assertThat(calculator.schedule(HUNDRED_THOUSAND, RATE_4_35, 1, EQUAL_INSTALMENT, LocalDate.of(2025, 1, 29)).get(0).dueDate())
        .isEqualTo(LocalDate.of(2025, 2, 28));
    assertThat(RepaymentScheduleCalculator.maturityDate(LocalDate.of(2024, 1, 31), 6)).isEqualTo(LocalDate.of(2024, 7, 31));
  }

  @ParameterizedTest
  @EnumSource(RepaymentMethod.class)
  void oneMonthLoanIsRepaidWithOneMonthsInterestInOneInstalment(RepaymentMethod method) {
    List<Instalment> schedule = calculator.schedule(HUNDRED_THOUSAND, RATE_4_35, 1, method, MID_MONTH);

    assertThat(schedule).containsExactly(new Instalment(1, LocalDate.of(2025, 4, 15), HUNDRED_THOUSAND,
        money("362.50"), money("100362.50"), money("0.00")));
  }

  @Test
  void interestFreeLoanSplitsThePrincipalEvenly() {
    List<Instalment> schedule = calculator.schedule(new BigDecimal("10000"), BigDecimal.ZERO, 3, EQUAL_INSTALMENT, MID_MONTH);

    assertThat(schedule).extracting(Instalment::total).containsExactly(money("3333.33"), money("3333.33"), money("3333.34"));
    assertThat(schedule).extracting(Instalment::interest).containsOnly(money("0.00"));
  }

  @Test
  void refusesTermsThatCannotMakeASchedule() {
    assertThatThrownBy(() -> calculator.schedule(BigDecimal.ZERO, RATE_4_35, 12, EQUAL_INSTALMENT, MID_MONTH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Principal");
    assertThatThrownBy(() -> calculator.schedule(new BigDecimal("100.005"), RATE_4_35, 12, EQUAL_INSTALMENT, MID_MONTH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 decimals");
    assertThatThrownBy(() -> calculator.schedule(HUNDRED_THOUSAND, new BigDecimal("-1"), 12, EQUAL_INSTALMENT, MID_MONTH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
    assertThatThrownBy(() -> calculator.schedule(HUNDRED_THOUSAND, RATE_4_35, 0, EQUAL_INSTALMENT, MID_MONTH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Term");
    assertThatThrownBy(() -> calculator.schedule(HUNDRED_THOUSAND, RATE_4_35, 12, null, MID_MONTH))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> calculator.schedule(HUNDRED_THOUSAND, RATE_4_35, 12, EQUAL_INSTALMENT, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void methodsCarryTheNamesBorrowersKnow() {
    assertThat(EQUAL_INSTALMENT.label()).isEqualTo("等额本息");
    assertThat(EQUAL_PRINCIPAL.label()).isEqualTo("等额本金");
    assertThat(INTEREST_FIRST.label()).isEqualTo("先息后本");
  }

  /** The textbook annuity, computed independently of the calculator. */
  private static BigDecimal annuity(BigDecimal principal, BigDecimal annualPercent, int months) {
    MathContext mc = MathContext.DECIMAL128;
    BigDecimal r = annualPercent.divide(BigDecimal.valueOf(1200), mc);
    BigDecimal growth = BigDecimal.ONE.add(r).pow(months, mc);
    return principal.multiply(r).multiply(growth).divide(growth.subtract(BigDecimal.ONE), mc).setScale(2, RoundingMode.HALF_UP);
  }

  private static BigDecimal sum(List<Instalment> schedule, java.util.function.Function<Instalment, BigDecimal> part) {
    return schedule.stream().map(part).reduce(money("0.00"), BigDecimal::add);
  }

  private static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }
}
