package com.smeloanflow.dashboard;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a dashboard reader asks for: a period of business dates (China Standard Time, both ends included)
 * and optionally one branch. Without dates the period is the last twelve calendar months up to today.
 *
 * @param branch a branch code, or empty for every branch the caller may read
 */
public record DashboardQuery(LocalDate from, LocalDate to, Optional<String> branch) {

  /** The longest period one request may cover, both ends included (from 2024-01-01 to 2026-12-31 at most). */
  public static final int MAX_MONTHS = 36;

  /** Parses the request's parameters; a bad one is a 400 naming it, with nothing computed. */
  public static DashboardQuery of(String from, String to, String branch, LocalDate today) {
    List<FieldViolation> violations = new ArrayList<>();
    LocalDate toDate = date("to", to, violations).orElse(today);
    LocalDate fromDate = date("from", from, violations).orElse(toDate.minusMonths(11).withDayOfMonth(1));
    Optional<String> branchCode = Optional.ofNullable(branch).filter(b -> !b.isEmpty());
    if (branchCode.isPresent() && !branchCode.get().matches("[A-Z]{2}\\d{3}")) {
      violations.add(new FieldViolation("branch", "INVALID_BRANCH", "网点代码应为两个大写字母加三位数字, 如 ZY001"));
    }
    if (violations.isEmpty() && fromDate.isAfter(toDate)) {
      violations.add(new FieldViolation("from", "AFTER_TO", "开始日期不能晚于结束日期"));
    }
    // both ends included: 36 months from 2024-01-01 end on 2026-12-31 (to 2027-01-01 was taken, a 37th month on the page)
    if (violations.isEmpty() && !fromDate.plusMonths(MAX_MONTHS).isAfter(toDate)) {
      violations.add(new FieldViolation("from", "PERIOD_TOO_LONG", "统计期间最长 " + MAX_MONTHS + " 个月"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "看板查询条件有误");
    }
    return new DashboardQuery(fromDate, toDate, branchCode);
  }

  private static Optional<LocalDate> date(String field, String value, List<FieldViolation> violations) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.parse(value);
      if (date.getYear() < 2000 || date.getYear() > 2100) {
        violations.add(new FieldViolation(field, "OUT_OF_RANGE", "日期应在 2000 年至 2100 年之间"));
        return Optional.empty();
      }
      return Optional.of(date);
    } catch (DateTimeParseException e) {
      violations.add(new FieldViolation(field, "INVALID_DATE", "日期格式应为 yyyy-MM-dd"));
      return Optional.empty();
    }
  }

  /** The period's first moment. */
  public Instant start() {
    return from.atStartOfDay(BusinessClock.BANK_ZONE).toInstant();
  }

  /** The moment after the period (midnight after {@code to}). */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(BusinessClock.BANK_ZONE).toInstant();
  }
}
