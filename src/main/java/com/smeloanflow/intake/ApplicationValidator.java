package com.smeloanflow.intake;

import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;

import com.smeloanflow.intake.ApplicationRequest.Collateral;
import com.smeloanflow.intake.ApplicationRequest.Enterprise;
import com.smeloanflow.intake.ApplicationRequest.LegalRepresentative;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks an application before anything is stored or started. Collects every bad field, so a
 * channel or a counter clerk can correct them all at once. Used by the channel API and by the
 * counter start form alike.
 */
public final class ApplicationValidator {

  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern INDUSTRY_CODE = Pattern.compile("[A-T](\\d{2,4})?");
  private static final Pattern BRANCH_CODE = Pattern.compile("[A-Z]{2}\\d{3}");

  /**
   * A legal representative and a personal guarantor must have full civil capacity (民法典 art. 17/18: from 18; the
   * Company Law bars a legal representative who lacks it, and a guarantee given by a person without it is not
   * enforceable), read from the birth date in the resident ID number, the request having no age field: on the 18th
   * birthday they may sign. DESIGN.md §6 is silent on the age. Not a bad field but a refusal of a well-formed
   * application: 422 over the API ({@link #isRefusal}). A 16- or 17-year-old living on their own labour counts as
   * having full capacity (art. 18), which the bank cannot tell from the number: refused too. The whitelist import
   * refuses such a legal representative's line by the same rule ({@link #underAge}), and approval such a guarantor
   * added as a condition of approval.
   */
  static final int FULL_AGE = 18;
  /** The code of a legal representative or a personal guarantor under {@link #FULL_AGE}. */
  public static final String UNDER_AGE = "UNDER_AGE";

  private final List<FieldViolation> violations = new ArrayList<>();
  private final LocalDate today;

  private ApplicationValidator(LocalDate today) {
    this.today = today;
  }

  /**
   * The {@link #UNDER_AGE} violation of {@code field} when the resident ID number, well-formed with a valid birth date,
   * names a person under {@link #FULL_AGE} on {@code today}; {@code role} is who they are to the loan (法定代表人,
   * 保证人, 追加保证人), as the message names them.
   */
  public static Optional<FieldViolation> underAge(String field, String role, String idNumber, LocalDate today) {
    return fullAgeOn(ResidentIdNumber.birthDate(idNumber)).isAfter(today)
        ? Optional.of(new FieldViolation(field, UNDER_AGE, role + "未满" + FULL_AGE + "周岁, 不具有完全民事行为能力"))
        : Optional.empty();
  }

  /**
   * The day someone born on {@code birthDate} reaches {@link #FULL_AGE}: the birthday in that year. Born on 29 February,
   * in a year without one the age is reached on 1 March (Chinese civil practice), not on 28 February, the day
   * {@link LocalDate#plusYears} gives: born 2008-02-29 is a minor on 2026-02-28 and of age on 2026-03-01.
   */
  static LocalDate fullAgeOn(LocalDate birthDate) {
    LocalDate birthday = birthDate.plusYears(FULL_AGE);
    return birthday.getDayOfMonth() < birthDate.getDayOfMonth() ? birthday.plusDays(1) : birthday;
  }

  /**
   * Whether the birth date in a resident ID number of a valid format is a real date not after {@code today}: intake's
   * check of every ID number, and approval's of a guarantor added as a condition.
   */
  public static boolean hasPossibleBirthDate(String idNumber, LocalDate today) {
    LocalDate birthDate = ResidentIdNumber.birthDate(idNumber);
    return birthDate != null && !birthDate.isAfter(today);
  }

  /**
   * Whether a violation refuses a well-formed application on a rule of the bank's (the age of the legal representative
   * or of a personal guarantor)
   * rather than naming a field the channel wrote wrongly.
   */
  public static boolean isRefusal(FieldViolation violation) {
    return UNDER_AGE.equals(violation.code());
  }

  /** Returns every violation of the request; an empty list means it may be submitted. */
  public static List<FieldViolation> validate(ApplicationRequest request, LocalDate today) {
    ApplicationValidator validator = new ApplicationValidator(today);
    validator.check(request);
    return List.copyOf(validator.violations);
  }

  private void check(ApplicationRequest request) {
    if (request == null) {
      add("", "REQUIRED", "请求体不能为空");
      return;
    }
    enumValue("channel", request.channel(), Channel.class);
    requireMatching("branchCode", request.branchCode(), BRANCH_CODE, "网点代码格式应为两位大写字母加三位数字, 如 ZY001");
    Product product = enumValue("product", request.product(), Product.class);
    GuaranteeType guarantee = enumValue("guaranteeType", request.guaranteeType(), GuaranteeType.class);
    checkEnterprise(request.enterprise());
    checkLegalRepresentative(request.legalRepresentative());
    checkAmount(request.requestedAmount(), product);
    checkTerm(request.termMonths(), product);
    requireText("purpose", request.purpose(), 500, true);
    if (product != null && guarantee != null && !product.guaranteeTypes().contains(guarantee)) {
      add("guaranteeType", "NOT_ALLOWED_FOR_PRODUCT",
          product.label() + "不接受" + guarantee.label() + "担保方式");
    }
    checkCollateral(request.collateral(), guarantee);
    checkGuarantors(request.guarantors(), guarantee, request.enterprise() == null ? null : request.enterprise().creditCode());
  }

  /** At most this many guarantors per application. */
  static final int MAX_GUARANTORS = 5;

  private void checkGuarantors(List<ApplicationRequest.GuarantorRequest> guarantors, GuaranteeType guarantee, String borrowerCode) {
    int count = guarantors == null ? 0 : guarantors.size();
    if (guarantee == GuaranteeType.GUARANTEE && count < 1) {
      add("guarantors", "REQUIRED", "保证贷款须提供至少一名保证人");
    } else if (guarantee == GuaranteeType.JOINT_GUARANTEE && count < 2) {
      add("guarantors", "TOO_FEW", "联保贷款须提供至少两家联保小组成员企业作为保证人");
    } else if (guarantee != null && guarantee != GuaranteeType.GUARANTEE && guarantee != GuaranteeType.JOINT_GUARANTEE && count > 0) {
      add("guarantors", "NOT_ALLOWED", guarantee.label() + "贷款不接受保证人; 有保证人时请选择保证担保");
    }
    if (count > MAX_GUARANTORS) {
      add("guarantors", "TOO_MANY", "保证人最多 " + MAX_GUARANTORS + " 名");
      return;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < count; i++) {
      ApplicationRequest.GuarantorRequest g = guarantors.get(i);
      String at = "guarantors[" + i + "]";
      if (g == null) {
        add(at, "REQUIRED", "保证人信息不能为空");
        continue;
      }
      Guarantor.PartyType type = enumValue(at + ".type", g.type(), Guarantor.PartyType.class);
      requireText(at + ".name", g.name(), 200, false);
      GuarantorRelation relation = enumValue(at + ".relation", g.relation(), GuarantorRelation.class);
      if (type == Guarantor.PartyType.PERSON) {
        checkAdultResidentId(at + ".idNumber", "保证人", g.idNumber());
      } else if (type == Guarantor.PartyType.ENTERPRISE) {
        checkCreditCode(at + ".idNumber", g.idNumber());
        if (g.idNumber() != null && g.idNumber().equals(borrowerCode)) {
          add(at + ".idNumber", "IS_BORROWER", "保证人不能是借款企业本身");
        }
      }
      if (guarantee == GuaranteeType.JOINT_GUARANTEE && (type != Guarantor.PartyType.ENTERPRISE
          || relation != GuarantorRelation.JOINT_GUARANTEE_MEMBER)) {
        add(at, "NOT_A_JOINT_GUARANTEE_MEMBER", "联保贷款的保证人须为联保小组成员企业");
      }
      if (g.mobile() != null && !g.mobile().isBlank() && !MOBILE.matcher(g.mobile()).matches()) {
        add(at + ".mobile", "INVALID_FORMAT", "手机号码应为11位, 以13至19开头");
      }
      if (g.idNumber() != null && !seen.add(g.idNumber())) {
        add(at + ".idNumber", "DUPLICATE", "同一保证人不能重复填写");
      }
    }
  }

  private void checkEnterprise(Enterprise enterprise) {
    if (enterprise == null) {
      add("enterprise", "REQUIRED", "企业信息不能为空");
      return;
    }
    requireText("enterprise.name", enterprise.name(), 200, false);
    checkCreditCode("enterprise.creditCode", enterprise.creditCode());
    requireMatching("enterprise.industryCode", enterprise.industryCode(), INDUSTRY_CODE,
        "行业代码应为国民经济行业分类代码, 如 C34");
    if (enterprise.establishedOn() == null) {
      add("enterprise.establishedOn", "REQUIRED", "成立日期不能为空");
    } else if (enterprise.establishedOn().isAfter(today)) {
      add("enterprise.establishedOn", "IN_FUTURE", "成立日期不能晚于今天");
    } else {
      InputHygiene.dateWithin("enterprise.establishedOn", enterprise.establishedOn(),
          InputHygiene.EARLIEST_ESTABLISHED_ON, today).ifPresent(violations::add);
    }
    checkMoney("enterprise.annualRevenue", enterprise.annualRevenue(), true);
  }

  private void checkLegalRepresentative(LegalRepresentative rep) {
    if (rep == null) {
      add("legalRepresentative", "REQUIRED", "法定代表人信息不能为空");
      return;
    }
    requireText("legalRepresentative.name", rep.name(), 100, false);
    checkAdultResidentId("legalRepresentative.idNumber", "法定代表人", rep.idNumber());
    requireMatching("legalRepresentative.mobile", rep.mobile(), MOBILE, "手机号码应为11位, 以13至19开头");
    requireMatching("legalRepresentative.email", rep.email(), EMAIL, "电子邮箱格式不正确", InputHygiene.MAX_EMAIL_LENGTH);
  }

  private void checkCreditCode(String field, String code) {
    if (isBlank(code)) {
      add(field, "REQUIRED", "统一社会信用代码不能为空");
    } else if (!UnifiedSocialCreditCode.hasValidFormat(code)) {
      add(field, "INVALID_FORMAT", "统一社会信用代码应为18位, 由数字和大写字母(不含I、O、S、V、Z)组成");
    } else if (!UnifiedSocialCreditCode.hasValidCheckCharacter(code)) {
      add(field, "INVALID_CHECK_CHARACTER", "统一社会信用代码校验位错误(GB 32100)");
    }
  }

  /** A valid resident ID number of a person of full age ({@link #underAge}). */
  private void checkAdultResidentId(String field, String role, String id) {
    int before = violations.size();
    checkResidentId(field, id);
    if (violations.size() == before) {
      underAge(field, role, id, today).ifPresent(violations::add);
    }
  }

  private void checkResidentId(String field, String id) {
    if (isBlank(id)) {
      add(field, "REQUIRED", "身份证号码不能为空");
    } else if (!ResidentIdNumber.hasValidFormat(id)) {
      add(field, "INVALID_FORMAT", "身份证号码应为17位数字加1位数字或X");
    } else if (!hasPossibleBirthDate(id, today)) {
      add(field, "INVALID_BIRTH_DATE", "身份证号码中的出生日期无效");
    } else if (!ResidentIdNumber.hasValidCheckDigit(id)) {
      add(field, "INVALID_CHECK_DIGIT", "身份证号码校验位错误(GB 11643)");
    }
  }

  private void checkAmount(BigDecimal amount, Product product) {
    if (!checkMoney("requestedAmount", amount, false) || product == null) {
      return;
    }
    if (!product.allowsAmount(amount)) {
      add("requestedAmount", "OUT_OF_PRODUCT_RANGE", String.format("%s申请金额应在 %s 至 %s 元之间",
          product.label(), product.minAmount().toPlainString(), product.maxAmount().toPlainString()));
    }
  }

  private void checkTerm(Integer termMonths, Product product) {
    if (termMonths == null) {
      add("termMonths", "REQUIRED", "贷款期限不能为空");
    } else if (termMonths <= 0) {
      add("termMonths", "NOT_POSITIVE", "贷款期限必须大于0");
    } else if (product != null && !product.allowsTerm(termMonths)) {
      add("termMonths", "OUT_OF_PRODUCT_RANGE", product.minTermMonths() == product.maxTermMonths()
          ? String.format("%s期限固定为 %d 个月", product.label(), product.minTermMonths())
          : String.format("%s期限应在 %d 至 %d 个月之间", product.label(), product.minTermMonths(), product.maxTermMonths()));
    }
  }

  private void checkCollateral(Collateral collateral, GuaranteeType guarantee) {
    if (guarantee != GuaranteeType.MORTGAGE) {
      return;
    }
    if (collateral == null) {
      add("collateral", "REQUIRED", "抵押贷款必须提供抵押物信息");
      return;
    }
    enumValue("collateral.type", collateral.type(), CollateralType.class);
    requireText("collateral.description", collateral.description(), 500, true);
    checkMoney("collateral.appraisedValue", collateral.appraisedValue(), false);
  }

  /** Amount in CNY: present, positive (or zero when allowed), at most 2 decimals. */
  private boolean checkMoney(String field, BigDecimal amount, boolean zeroAllowed) {
    if (amount == null) {
      add(field, "REQUIRED", "金额不能为空");
      return false;
    }
    if (amount.signum() < 0 || (!zeroAllowed && amount.signum() == 0)) {
      add(field, "NOT_POSITIVE", zeroAllowed ? "金额不能为负数" : "金额必须大于0");
      return false;
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      add(field, "TOO_MANY_DECIMALS", "金额最多保留两位小数");
      return false;
    }
    if (amount.precision() - amount.scale() > 16) {
      add(field, "TOO_LARGE", "金额超出允许范围");
      return false;
    }
    return true;
  }

  private <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
    if (isBlank(value)) {
      add(field, "REQUIRED", "不能为空");
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name());
      }
      add(field, "UNKNOWN_VALUE", "取值无效, 可选: " + allowed);
      return null;
    }
  }

  private void requireText(String field, String value, int maxLength, boolean multiLine) {
    if (isBlank(value)) {
      add(field, "REQUIRED", "不能为空");
    } else if (value.length() > maxLength) {
      add(field, "TOO_LONG", "不能超过 " + maxLength + " 个字符");
    } else {
      (multiLine ? InputHygiene.multiLine(field, value) : InputHygiene.singleLine(field, value)).ifPresent(violations::add);
    }
  }

  private void requireMatching(String field, String value, Pattern pattern, String message) {
    requireMatching(field, value, pattern, message, 100);
  }

  /** Too long is refused before the pattern runs (and before the database's column size is reached). */
  private void requireMatching(String field, String value, Pattern pattern, String message, int maxLength) {
    if (isBlank(value)) {
      add(field, "REQUIRED", "不能为空");
    } else if (value.length() > maxLength) {
      add(field, "TOO_LONG", "不能超过 " + maxLength + " 个字符");
    } else if (!pattern.matcher(value).matches()) {
      add(field, "INVALID_FORMAT", message);
    }
  }

  private void add(String field, String code, String message) {
    violations.add(new FieldViolation(field, code, message));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
