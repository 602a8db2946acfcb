package com.smeloanflow.campaign;

import static com.smeloanflow.campaign.WhitelistColumn.*;

import com.smeloanflow.identity.AdministrativeDivisions;
import com.smeloanflow.intake.ApplicationValidator;
import com.smeloanflow.intake.Product;
import com.smeloanflow.intake.ResidentIdNumber;
import com.smeloanflow.intake.UnifiedSocialCreditCode;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of one whitelist line that need nothing but the line itself: every value present and
 * well-formed, the credit code's GB 32100 check character, a legal representative's GB 11643 check
 * digit when the ID number is given and, by its birth date, their full age (the rule the application is
 * held to, {@link ApplicationValidator#underAge}: UNDER_AGE otherwise), a mobile number, a known product
 * and an estimated limit within its range, a model date that is not in the future. Each bad value is one
 * reason, named by its column key. What needs the bank's data (duplicates, existing customers, the
 * branch) is {@link CampaignService#importWhitelist}'s.
 */
final class WhitelistRowCheck {

  private static final Pattern MOBILE_NUMBER = Pattern.compile("1[3-9]\\d{9}");
  /** The earliest model date taken: no scoring model of the bank is older. */
  static final LocalDate EARLIEST_SOURCE_DATE = LocalDate.of(2000, 1, 1);

  private WhitelistRowCheck() {}

  /** A line's values as read, or the reasons it is refused. */
  record Checked(WhitelistFile.Row row, Prospect.Data data, List<FieldViolation> reasons) {
    boolean accepted() {
      return reasons.isEmpty();
    }
  }

  static Checked check(WhitelistFile.Row row, int columnCount, LocalDate today) {
    List<FieldViolation> reasons = new ArrayList<>();
    if (row.cellCount() > columnCount) {
      reasons.add(new FieldViolation("line", "TOO_MANY_CELLS", "该行有 " + row.cellCount() + " 列, 多于表头的 " + columnCount + " 列"));
    }
    String creditCode = required(row, CREDIT_CODE, reasons).map(String::toUpperCase).orElse(null);
    if (creditCode != null) {
      if (!UnifiedSocialCreditCode.hasValidFormat(creditCode)) {
        reasons.add(reason(CREDIT_CODE, "INVALID_FORMAT", "统一社会信用代码应为18位, 由数字和大写字母(不含I、O、S、V、Z)组成"));
      } else if (!UnifiedSocialCreditCode.hasValidCheckCharacter(creditCode)) {
        reasons.add(reason(CREDIT_CODE, "INVALID_CHECK_CHARACTER", "统一社会信用代码校验位错误(GB 32100)"));
      } else {
        AdministrativeDivisions.problem(AdministrativeDivisions.ofCreditCode(creditCode))
            .ifPresent(problem -> reasons.add(reason(CREDIT_CODE, "INVALID_DIVISION", "统一社会信用代码第3-8位不是有效的行政区划: " + problem)));
      }
    }
    String name = text(row, ENTERPRISE_NAME, 200, reasons);
    String legalRep = text(row, LEGAL_REP_NAME, 100, reasons);
    String idNumber = row.cell(LEGAL_REP_ID_NUMBER).map(String::toUpperCase).orElse(null);
    if (idNumber != null) {
      if (!ResidentIdNumber.hasValidFormat(idNumber)) {
        reasons.add(reason(LEGAL_REP_ID_NUMBER, "INVALID_FORMAT", "身份证号码应为17位数字加1位数字或X"));
      } else if (ResidentIdNumber.birthDate(idNumber) == null || ResidentIdNumber.birthDate(idNumber).isAfter(today)) {
        reasons.add(reason(LEGAL_REP_ID_NUMBER, "INVALID_BIRTH_DATE", "身份证号码中的出生日期无效"));
      } else if (!ResidentIdNumber.hasValidCheckDigit(idNumber)) {
        reasons.add(reason(LEGAL_REP_ID_NUMBER, "INVALID_CHECK_DIGIT", "身份证号码校验位错误(GB 11643)"));
      } else {
        // the application would be refused when submitted: a minor may not represent the enterprise
        ApplicationValidator.underAge(LEGAL_REP_ID_NUMBER.key(), "法定代表人", idNumber, today).ifPresent(reasons::add);
      }
    }
    String mobile = required(row, WhitelistColumn.MOBILE, reasons).orElse(null);
    if (mobile != null && !MOBILE_NUMBER.matcher(mobile).matches()) {
      reasons.add(reason(WhitelistColumn.MOBILE, "INVALID_FORMAT", "手机号码应为11位, 以13至19开头"));
    }
    Product product = required(row, SUGGESTED_PRODUCT, reasons).flatMap(value -> {
      Optional<Product> known = product(value);
      if (known.isEmpty()) {
        reasons.add(reason(SUGGESTED_PRODUCT, "UNKNOWN_PRODUCT", "未知的产品“" + abbreviate(value) + "”; 可用: "
            + String.join("、", Arrays.stream(Product.values()).map(p -> p.name() + " " + p.label()).toList())));
      }
      return known;
    }).orElse(null);
    BigDecimal limit = required(row, ESTIMATED_LIMIT, reasons).map(value -> amount(value, product, reasons)).orElse(null);
    String model = text(row, SOURCE_MODEL, 100, reasons);
    LocalDate sourceDate = required(row, SOURCE_DATE, reasons).map(value -> date(value, today, reasons)).orElse(null);
    if (!reasons.isEmpty()) {
      return new Checked(row, null, List.copyOf(reasons));
    }
    return new Checked(row, new Prospect.Data(creditCode, name, legalRep, idNumber, mobile, limit, product, model, sourceDate),
        List.of());
  }

  private static Optional<String> required(WhitelistFile.Row row, WhitelistColumn column, List<FieldViolation> reasons) {
    Optional<String> value = row.cell(column);
    if (value.isEmpty()) {
      reasons.add(reason(column, "REQUIRED", column.label() + "不能为空"));
    }
    return value;
  }

  private static String text(WhitelistFile.Row row, WhitelistColumn column, int maxLength, List<FieldViolation> reasons) {
    Optional<String> value = required(row, column, reasons);
    value.flatMap(v -> InputHygiene.singleLine(column.key(), v, maxLength)).ifPresent(reasons::add);
    return value.orElse(null);
  }

  /** A product by its code ({@code CREDIT_QUICK}, any case) or its Chinese name (信用快贷). */
  static Optional<Product> product(String value) {
    return Arrays.stream(Product.values())
        .filter(p -> p.name().equalsIgnoreCase(value.trim()) || p.label().equals(value.trim())).findFirst();
  }

  private static BigDecimal amount(String value, Product product, List<FieldViolation> reasons) {
    BigDecimal amount;
    try {
      // thousands separators as Excel writes them: "1,200,000.00"
      amount = new BigDecimal(value.replace(",", "").trim());
    } catch (NumberFormatException e) {
      reasons.add(reason(ESTIMATED_LIMIT, "INVALID_TYPE", "预估额度应为金额数字, 如 300000.00"));
      return null;
    }
    if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
      reasons.add(reason(ESTIMATED_LIMIT, "INVALID_AMOUNT", "预估额度须大于0且最多两位小数"));
      return null;
    }
    if (product != null && !product.allowsAmount(amount)) {
      reasons.add(reason(ESTIMATED_LIMIT, "OUT_OF_PRODUCT_RANGE", String.format("%s额度应在 %s 至 %s 元之间", product.label(),
          product.minAmount().toPlainString(), product.maxAmount().toPlainString())));
      return null;
    }
    return amount.setScale(2);
  }

  private static LocalDate date(String value, LocalDate today, List<FieldViolation> reasons) {
    LocalDate date;
    try {
      date = LocalDate.parse(value.trim().replace('/', '-'));
    } catch (DateTimeParseException e) {
      reasons.add(reason(SOURCE_DATE, "INVALID_TYPE", "模型日期应为日期, 如 2026-11-20"));
      return null;
    }
    Optional<FieldViolation> outOfRange = InputHygiene.dateWithin(SOURCE_DATE.key(), date, EARLIEST_SOURCE_DATE, today);
    outOfRange.ifPresent(reasons::add);
    return outOfRange.isPresent() ? null : date;
  }

  static FieldViolation reason(WhitelistColumn column, String code, String message) {
    return new FieldViolation(column.key(), code, message);
  }

  private static String abbreviate(String text) {
    return text.length() <= 20 ? text : text.substring(0, 20) + "…";
  }
}
