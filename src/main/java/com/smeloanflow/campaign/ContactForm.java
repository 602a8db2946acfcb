package com.smeloanflow.campaign;

import com.smeloanflow.intake.ApplicationRequest;
import com.smeloanflow.intake.CounterIntakeListener;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.TaskForm;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The fields of the contact form ({@code forms/contact-prospect.form}) and how they become a contact and,
 * for an interested prospect, the details of its loan application. Refusals name the fields by the labels
 * the manager sees.
 */
final class ContactForm {

  static final String RESULT = "contactResult";
  static final String FOLLOW_UP_DATE = "followUpDate";
  static final String NOTES = "contactNotes";
  static final int GUARANTORS = 2;

  /** The application fields the manager completes (input field → label), in form order. */
  static final Map<String, String> APPLICATION_FIELDS = new LinkedHashMap<>();

  static {
    // The counter application's fields, labelled as intake labels them; product and amount have other keys
    // in this form than in intake's (product, requestedAmount).
    APPLICATION_FIELDS.put("loanProduct", CounterIntakeListener.label("product"));
    APPLICATION_FIELDS.put("loanAmount", CounterIntakeListener.label("requestedAmount"));
    for (String field : List.of("termMonths", "purpose", "guaranteeType", "industryCode", "establishedOn", "annualRevenue",
        "legalRepIdNumber", "legalRepEmail", "collateralType", "collateralDescription", "collateralAppraisedValue")) {
      APPLICATION_FIELDS.put(field, CounterIntakeListener.label(field));
    }
    for (int n = 1; n <= GUARANTORS; n++) {
      for (String part : List.of("Type", "Name", "IdNumber", "Relation", "Mobile")) {
        APPLICATION_FIELDS.put(guarantor(n, part), CounterIntakeListener.label(guarantor(n, part)));
      }
    }
  }

  /** Every input field of the form. */
  static List<String> inputs() {
    List<String> inputs = new ArrayList<>(List.of(RESULT, FOLLOW_UP_DATE, NOTES));
    inputs.addAll(APPLICATION_FIELDS.keySet());
    return inputs;
  }

  /** Where intake names a field of the application (its API path), the form field the manager fills. */
  private static final Map<String, String> API_TO_FORM = Map.ofEntries(
      Map.entry("product", "loanProduct"), Map.entry("requestedAmount", "loanAmount"),
      Map.entry("enterprise.industryCode", "industryCode"), Map.entry("enterprise.establishedOn", "establishedOn"),
      Map.entry("enterprise.annualRevenue", "annualRevenue"), Map.entry("legalRepresentative.idNumber", "legalRepIdNumber"),
      Map.entry("legalRepresentative.email", "legalRepEmail"), Map.entry("collateral", "collateralType"),
      Map.entry("collateral.type", "collateralType"), Map.entry("collateral.description", "collateralDescription"),
      Map.entry("collateral.appraisedValue", "collateralAppraisedValue"), Map.entry("guarantors", guarantor(1, "Name")));

  /** What the whitelist gave (not in the form), by intake's field names. */
  private static final Map<String, String> FROM_WHITELIST = Map.of("enterprise.name", "企业名称(白名单)",
      "enterprise.creditCode", "统一社会信用代码(白名单)", "legalRepresentative.name", "法定代表人(白名单)",
      "legalRepresentative.mobile", "手机号码(白名单)", "branchCode", "网点");

  private ContactForm() {}

  static String guarantor(int n, String part) {
    return "guarantor" + n + part;
  }

  /** The application details an interested prospect's form carries; intake checks them. */
  static ApplicationDetails details(TaskForm form) {
    String guarantee = form.text("guaranteeType");
    ApplicationRequest.Collateral collateral = "MORTGAGE".equals(guarantee)
        ? new ApplicationRequest.Collateral(form.text("collateralType"), form.text("collateralDescription"),
            form.money("collateralAppraisedValue", "抵押物评估价值"))
        : null;
    List<ApplicationRequest.GuarantorRequest> guarantors = new ArrayList<>();
    if ("GUARANTEE".equals(guarantee) || "JOINT_GUARANTEE".equals(guarantee)) {
      for (int n = 1; n <= GUARANTORS; n++) {
        String name = form.text(guarantor(n, "Name"));
        String id = upper(form.text(guarantor(n, "IdNumber")));
        if (name != null || id != null) {
          guarantors.add(new ApplicationRequest.GuarantorRequest(form.text(guarantor(n, "Type")), name, id,
              form.text(guarantor(n, "Relation")), form.text(guarantor(n, "Mobile"))));
        }
      }
    }
    return new ApplicationDetails(form.text("loanProduct"), form.money("loanAmount", "申请金额"), months(form),
        form.text("purpose"), guarantee, upper(form.text("industryCode")), form.date("establishedOn", "成立日期"),
        form.money("annualRevenue", "年营业收入"), upper(form.text("legalRepIdNumber")), form.text("legalRepEmail"), collateral,
        guarantors);
  }

  private static Integer months(TaskForm form) {
    String value = form.text("termMonths");
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new InvalidTaskInputException("贷款期限应为整数月 (termMonths=" + value + ")");
    }
  }

  /** A refusal of the contact or the application, each field by the label the manager sees. */
  static InvalidTaskInputException refusal(InvalidFieldsException e) {
    return new InvalidTaskInputException("联系结果或申请信息有误, 请更正后重新提交: " + e.violations().stream()
        .map(v -> label(v) + ": " + v.message()).collect(Collectors.joining("; ")));
  }

  private static String label(FieldViolation violation) {
    String field = violation.field();
    Matcher guarantor = Pattern.compile("guarantors\\[(\\d+)]\\.(\\w+)").matcher(field);
    if (guarantor.matches()) {
      String part = guarantor.group(2);
      field = guarantor(Integer.parseInt(guarantor.group(1)) + 1, Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    String formField = API_TO_FORM.getOrDefault(field, field);
    if (APPLICATION_FIELDS.containsKey(formField)) {
      return APPLICATION_FIELDS.get(formField);
    }
    return switch (field) {
      case "outcome" -> "联系结果";
      case "followUpOn" -> "回访日期";
      case "notes" -> "联系情况";
      default -> FROM_WHITELIST.getOrDefault(field, field);
    };
  }

  private static String upper(String value) {
    return value == null ? null : value.toUpperCase();
  }
}
