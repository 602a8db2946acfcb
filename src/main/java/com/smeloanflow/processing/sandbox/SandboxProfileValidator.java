package com.smeloanflow.processing.sandbox;

import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.intake.UnifiedSocialCreditCode;
import com.smeloanflow.processing.sandbox.SandboxProfile.Bureau;
import com.smeloanflow.processing.sandbox.SandboxProfile.Court;
import com.smeloanflow.processing.sandbox.SandboxProfile.Flows;
import com.smeloanflow.processing.sandbox.SandboxProfile.InternalDefaultEntry;
import com.smeloanflow.processing.sandbox.SandboxProfile.Registration;
import com.smeloanflow.processing.sandbox.SandboxProfile.Scenario;
import com.smeloanflow.processing.sandbox.SandboxProfile.Settings;
import com.smeloanflow.processing.sandbox.SandboxProfile.Tax;
import com.smeloanflow.processing.sandbox.SandboxProfile.Utilities;
import com.smeloanflow.processing.source.ExternalSource;
import com.smeloanflow.processing.source.IndustryOutlook;
import com.smeloanflow.processing.source.InternalDefaultStatus;
import com.smeloanflow.processing.source.RegistrationStatus;
import com.smeloanflow.processing.source.SupplyChainRole;
import com.smeloanflow.processing.source.TaxRating;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a sandbox profile with the rules of the channel API: every bad field is named by its JSON
 * path ({@code tax.rating}, {@code flows.monthlyInflows[3]}), enumerations must be known values,
 * money is non-negative with at most 2 decimals, dates are not in the future, counts are whole
 * numbers ≥ 0. Omitted sections are allowed (they get the derived default); given sections must be
 * complete.
 */
public final class SandboxProfileValidator {

  private static final Pattern INDUSTRY_CODE = Pattern.compile("[A-T](\\d{2,4})?");
  /** 24 months of days past due. */
  static final int MAX_DPD_24M = 730;
  static final int MAX_FAILURES_BEFORE_SUCCESS = 100;

  private final List<FieldViolation> violations = new ArrayList<>();
  private final LocalDate today;

  private SandboxProfileValidator(LocalDate today) {
    this.today = today;
  }

  /** The violations of a credit code given in a path; empty when it is a valid GB 32100 code. */
  public static List<FieldViolation> validateCreditCode(String creditCode) {
    SandboxProfileValidator validator = new SandboxProfileValidator(null);
    validator.creditCode(creditCode);
    return List.copyOf(validator.violations);
  }

  /** Every violation of the credit code and the profile; an empty list means it may be stored. */
  public static List<FieldViolation> validate(String creditCode, SandboxProfile profile, LocalDate today) {
    SandboxProfileValidator validator = new SandboxProfileValidator(today);
    validator.creditCode(creditCode);
    if (profile == null) {
      validator.add("", "REQUIRED", "请求体不能为空");
    } else {
      validator.check(profile);
    }
    return List.copyOf(validator.violations);
  }

  /**
   * Every violation of a person's registration (a guarantor): the resident ID number and the court
   * and bureau sections, by the same rules as an enterprise's; an empty list means it may be stored.
   */
  public static List<FieldViolation> validatePerson(String idNumber, Court court, Bureau bureau) {
    SandboxProfileValidator validator = new SandboxProfileValidator(null);
    if (idNumber == null || !com.smeloanflow.intake.ResidentIdNumber.hasValidFormat(idNumber)
        || !com.smeloanflow.intake.ResidentIdNumber.hasValidCheckDigit(idNumber)) {
      validator.add("idNumber", "INVALID_CHECK_DIGIT", "身份证号码无效或校验位错误(GB 11643)");
    }
    validator.bureau(bureau);
    validator.court(court);
    return List.copyOf(validator.violations);
  }

  private void creditCode(String code) {
    if (code == null || code.isBlank()) {
      add("creditCode", "REQUIRED", "统一社会信用代码不能为空");
    } else if (!UnifiedSocialCreditCode.hasValidFormat(code)) {
      add("creditCode", "INVALID_FORMAT", "统一社会信用代码应为18位, 由数字和大写字母(不含I、O、S、V、Z)组成");
    } else if (!UnifiedSocialCreditCode.hasValidCheckCharacter(code)) {
      add("creditCode", "INVALID_CHECK_CHARACTER", "统一社会信用代码校验位错误(GB 32100)");
    }
  }

  private void check(SandboxProfile p) {
    registration(p.registration());
    tax(p.tax());
    bureau(p.bureau());
    court(p.court());
    flows(p.flows());
    utilities(p.utilities());
    scenario(p.scenario());
    internalDefaults(p.internalDefaults());
    settings(p.sandbox());
  }

  private void registration(Registration r) {
    if (r == null) {
      return;
    }
    if (r.name() == null || r.name().isBlank()) {
      add("registration.name", "REQUIRED", "不能为空");
    } else if (r.name().length() > 200) {
      add("registration.name", "TOO_LONG", "不能超过 200 个字符");
    } else {
      InputHygiene.singleLine("registration.name", r.name()).ifPresent(violations::add);
    }
    date("registration.establishedOn", r.establishedOn(), "成立日期");
    enumValue("registration.status", r.status(), RegistrationStatus.class);
    if (r.industryCode() == null || r.industryCode().isBlank()) {
      add("registration.industryCode", "REQUIRED", "不能为空");
    } else if (!INDUSTRY_CODE.matcher(r.industryCode()).matches()) {
      add("registration.industryCode", "INVALID_FORMAT", "行业代码应为国民经济行业分类代码, 如 C34");
    }
  }

  private void tax(Tax t) {
    if (t == null) {
      return;
    }
    enumValue("tax.rating", t.rating(), TaxRating.class);
    money("tax.annualSales", t.annualSales(), true);
    count("tax.overdueFilings", t.overdueFilings(), Integer.MAX_VALUE);
  }

  private void bureau(Bureau b) {
    if (b == null) {
      return;
    }
    money("bureau.currentOverdueAmount", b.currentOverdueAmount(), true);
    count("bureau.maxDpd24m", b.maxDpd24m(), MAX_DPD_24M);
    count("bureau.outstandingLoans", b.outstandingLoans(), Integer.MAX_VALUE);
    count("bureau.enquiriesLast3m", b.enquiriesLast3m(), Integer.MAX_VALUE);
  }

  private void court(Court c) {
    if (c == null) {
      return;
    }
    count("court.openEnforcementCases", c.openEnforcementCases(), Integer.MAX_VALUE);
    if (c.dishonestDebtor() == null) {
      add("court.dishonestDebtor", "REQUIRED", "不能为空, 应为 true 或 false");
    }
  }

  private void flows(Flows f) {
    if (f == null) {
      return;
    }
    months("flows.monthlyInflows", f.monthlyInflows());
    months("flows.monthlyOutflows", f.monthlyOutflows());
  }

  private void months(String field, List<BigDecimal> values) {
    if (values == null) {
      add(field, "REQUIRED", "不能为空, 应为12个月的金额(最早的月份在前)");
      return;
    }
    if (values.size() != 12) {
      add(field, "MUST_HAVE_12_MONTHS", "必须有12个月的数据(最早的月份在前), 收到 " + values.size() + " 个");
    }
    for (int i = 0; i < values.size(); i++) {
      money(field + "[" + i + "]", values.get(i), true);
    }
  }

  private void utilities(Utilities u) {
    if (u == null) {
      return;
    }
    count("utilities.monthsOfHistory", u.monthsOfHistory(), Integer.MAX_VALUE);
    count("utilities.latePaymentsLast24m", u.latePaymentsLast24m(), Integer.MAX_VALUE);
  }

  private void scenario(Scenario s) {
    if (s == null) {
      return;
    }
    enumValue("scenario.industryOutlook", s.industryOutlook(), IndustryOutlook.class);
    enumValue("scenario.supplyChainRole", s.supplyChainRole(), SupplyChainRole.class);
  }

  private void internalDefaults(List<InternalDefaultEntry> defaults) {
    if (defaults == null) {
      return;
    }
    for (int i = 0; i < defaults.size(); i++) {
      String field = "internalDefaults[" + i + "]";
      InternalDefaultEntry d = defaults.get(i);
      if (d == null) {
        add(field, "REQUIRED", "不能为空");
        continue;
      }
      date(field + ".defaultDate", d.defaultDate(), "违约日期");
      money(field + ".amount", d.amount(), false);
      enumValue(field + ".status", d.status(), InternalDefaultStatus.class);
    }
  }

  private void settings(Settings s) {
    if (s == null) {
      return;
    }
    sources("sandbox.failingSources", s.failingSources());
    sources("sandbox.noDataSources", s.noDataSources());
    if (s.failuresBeforeSuccess() != null) {
      count("sandbox.failuresBeforeSuccess", s.failuresBeforeSuccess(), MAX_FAILURES_BEFORE_SUCCESS);
    }
    if (s.failureMode() != null) {
      enumValue("sandbox.failureMode", s.failureMode(), SandboxProfile.FailureMode.class);
    }
    if (s.timeoutMillis() != null) {
      count("sandbox.timeoutMillis", s.timeoutMillis(), Settings.MAX_TIMEOUT_MILLIS);
    }
  }

  private void sources(String field, List<String> names) {
    if (names == null) {
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      enumValue(field + "[" + i + "]", names.get(i), ExternalSource.class);
    }
  }

  private void date(String field, LocalDate date, String label) {
    if (date == null) {
      add(field, "REQUIRED", label + "不能为空");
    } else if (date.isAfter(today)) {
      add(field, "IN_FUTURE", label + "不能晚于今天");
    } else {
      InputHygiene.dateWithin(field, date, InputHygiene.EARLIEST_ESTABLISHED_ON, today).ifPresent(violations::add);
    }
  }

  /** Amount in CNY: present, not negative (or positive when zero is not allowed), at most 2 decimals. */
  private void money(String field, BigDecimal amount, boolean zeroAllowed) {
    if (amount == null) {
      add(field, "REQUIRED", "金额不能为空");
    } else if (amount.signum() < 0 || (!zeroAllowed && amount.signum() == 0)) {
      add(field, "NOT_POSITIVE", zeroAllowed ? "金额不能为负数" : "金额必须大于0");
    } else if (amount.stripTrailingZeros().scale() > 2) {
      add(field, "TOO_MANY_DECIMALS", "金额最多保留两位小数");
    } else if (amount.precision() - amount.scale() > 16) {
      add(field, "TOO_LARGE", "金额超出允许范围");
    }
  }

  private void count(String field, Integer value, int max) {
    if (value == null) {
      add(field, "REQUIRED", "不能为空");
    } else if (value < 0) {
      add(field, "NEGATIVE", "不能为负数");
    } else if (value > max) {
      add(field, "OUT_OF_RANGE", "不能大于 " + max);
    }
  }

  private <E extends Enum<E>> void enumValue(String field, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      add(field, "REQUIRED", "不能为空");
      return;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name());
    }
    add(field, "UNKNOWN_VALUE", "取值无效, 可选: " + allowed);
  }

  private void add(String field, String code, String message) {
    violations.add(new FieldViolation(field, code, message));
  }
}
