package com.smeloanflow.intake;

import com.smeloanflow.platform.InvalidFieldsException;

import com.smeloanflow.platform.FieldViolation;

import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.platform.StateConflictException;
import com.smeloanflow.process.ProcessVariable;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.TaskForm;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Start listener of loan-origination. An application from the channel API arrives registered, with
 * its id as business key: the instance is bound to its case file, which refuses a second instance for
 * the same application (a start over the engine REST API with an existing application's business key
 * is refused, 403). One entered at the branch counter with the Tasklist start form arrives as form
 * fields: it is validated exactly like the API's (the clerk's own branch included), registered, and
 * the instance gets the application id as business key. A bad field aborts the start with a message
 * naming every bad field, and nothing is left behind.
 */
@Component("counterIntake")
public class CounterIntakeListener implements ExecutionListener {

  /**
   * The start form's branch field. Not {@code branchCode}: that is a variable the process owns (it
   * names the groups that get the branch's tasks), which a start request may not set.
   */
  static final String BRANCH_FIELD = "counterBranchCode";
  /** How many guarantors the counter form takes (more through the channel API). */
  static final int COUNTER_GUARANTORS = 2;

  static String guarantorField(int n, String part) {
    return "guarantor" + n + part;
  }

  /** Start form field → label staff see in the form, in form order. */
  static final Map<String, String> FORM_FIELDS = new LinkedHashMap<>();

  static {
    FORM_FIELDS.put(BRANCH_FIELD, "受理网点");
    FORM_FIELDS.put("product", "贷款产品");
    FORM_FIELDS.put("enterpriseName", "企业名称");
    FORM_FIELDS.put("creditCode", "统一社会信用代码");
    FORM_FIELDS.put("industryCode", "行业代码");
    FORM_FIELDS.put("establishedOn", "成立日期");
    FORM_FIELDS.put("annualRevenue", "年营业收入(元)");
    FORM_FIELDS.put("legalRepName", "法定代表人姓名");
    FORM_FIELDS.put("legalRepIdNumber", "法定代表人身份证号码");
    FORM_FIELDS.put("legalRepMobile", "法定代表人手机号码");
    FORM_FIELDS.put("legalRepEmail", "法定代表人电子邮箱");
    FORM_FIELDS.put("requestedAmount", "申请金额(元)");
    FORM_FIELDS.put("termMonths", "贷款期限(月)");
    FORM_FIELDS.put("purpose", "贷款用途");
    FORM_FIELDS.put("guaranteeType", "担保方式");
    FORM_FIELDS.put("collateralType", "抵押物类型");
    FORM_FIELDS.put("collateralDescription", "抵押物描述");
    FORM_FIELDS.put("collateralAppraisedValue", "抵押物评估价值(元)");
    for (int n = 1; n <= COUNTER_GUARANTORS; n++) {
      FORM_FIELDS.put(guarantorField(n, "Type"), "保证人" + n + "类型");
      FORM_FIELDS.put(guarantorField(n, "Name"), "保证人" + n + "名称");
      FORM_FIELDS.put(guarantorField(n, "IdNumber"), "保证人" + n + "证件号码");
      FORM_FIELDS.put(guarantorField(n, "Relation"), "保证人" + n + "与借款人关系");
      FORM_FIELDS.put(guarantorField(n, "Mobile"), "保证人" + n + "手机号码");
    }
  }



  /**
   * The label staff see for a field of the counter application form (e.g. {@code purpose} → 贷款用途),
   * for later stages' forms that ask for the same fields (the whitelist campaign's contact form).
   *
   * @throws IllegalArgumentException for a field the counter form does not have
   */
  public static String label(String formField) {
    String label = FORM_FIELDS.get(formField);
    if (label == null) {
      throw new IllegalArgumentException("The counter application form has no field " + formField);
    }
    return label;
  }

  /** API field path → start form field. */
  private static final Map<String, String> API_TO_FORM = Map.ofEntries(
      Map.entry("enterprise.name", "enterpriseName"), Map.entry("enterprise.creditCode", "creditCode"),
      Map.entry("enterprise.industryCode", "industryCode"), Map.entry("enterprise.establishedOn", "establishedOn"),
      Map.entry("enterprise.annualRevenue", "annualRevenue"), Map.entry("legalRepresentative.name", "legalRepName"),
      Map.entry("legalRepresentative.idNumber", "legalRepIdNumber"), Map.entry("legalRepresentative.mobile", "legalRepMobile"),
      Map.entry("legalRepresentative.email", "legalRepEmail"), Map.entry("collateral", "collateralType"),
      Map.entry("collateral.type", "collateralType"), Map.entry("collateral.description", "collateralDescription"),
      Map.entry("collateral.appraisedValue", "collateralAppraisedValue"), Map.entry("branchCode", BRANCH_FIELD));

  private final IntakeService intake;
  private final IdentityService identityService;
  private final CaseFiles caseFiles;

  public CounterIntakeListener(IntakeService intake, IdentityService identityService, CaseFiles caseFiles) {
    this.intake = intake;
    this.identityService = identityService;
    this.caseFiles = caseFiles;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String applicationId = execution.getProcessBusinessKey();
    if (applicationId != null) {
      bind(applicationId, execution); // registered by the channel API in this transaction
      return;
    }
    List<FieldViolation> violations = new ArrayList<>();
    ApplicationRequest request = toRequest(execution, violations);
    String clerk = currentUser();
    String branch = upper(text(execution, BRANCH_FIELD));
    if (clerk != null && branch != null && !mayActFor(clerk, branch)) {
      violations.add(new FieldViolation("branchCode", "NOT_YOUR_BRANCH", "您不属于网点 " + branch + ", 不能代其受理"));
    }
    LoanApplication application;
    try {
      if (!violations.isEmpty()) {
        // A field that is not even a number, date or one's own branch: name it with every other bad field.
        for (FieldViolation violation : intake.violations(request)) {
          String field = formField(violation.field());
          if (violations.stream().noneMatch(reported -> formField(reported.field()).equals(field))) {
            violations.add(violation);
          }
        }
        throw new InvalidFieldsException(violations);
      }
      application = intake.register(request, clerk == null ? "counter" : clerk);
    } catch (InvalidFieldsException e) {
      throw new InvalidFieldsException(e.violations(), formMessage(e.violations()));
    }
    execution.removeVariables(FORM_FIELDS.keySet());
    execution.setProcessBusinessKey(application.id());
    bind(application.id(), execution);
    ProcessVariable.trusted(() -> {
      execution.setVariables(IntakeService.processVariables(application));
      return null;
    });
  }

  private void bind(String applicationId, DelegateExecution execution) {
    try {
      caseFiles.bindProcess(applicationId, execution.getProcessInstanceId());
    } catch (StateConflictException e) {
      throw new AuthorizationException("申请 " + applicationId + " 已有办理流程或不存在, 不能再启动贷款申请流程 (" + e.getMessage() + ")");
    }
  }

  /** The message Tasklist shows: each bad field by the label the clerk sees. */
  static String formMessage(List<FieldViolation> violations) {
    return "申请信息有误, 请更正后重新提交: " + violations.stream()
        .map(v -> FORM_FIELDS.getOrDefault(formField(v.field()), v.field()) + ": " + v.message())
        .collect(Collectors.joining("; "));
  }

  /** The start form field of an API field path ({@code enterprise.creditCode} → {@code creditCode}). */
  private static String formField(String apiField) {
    java.util.regex.Matcher guarantor = java.util.regex.Pattern.compile("guarantors\\[(\\d+)]\\.(\\w+)").matcher(apiField);
    if (guarantor.matches()) {
      String part = guarantor.group(2);
      return guarantorField(Integer.parseInt(guarantor.group(1)) + 1, Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return API_TO_FORM.getOrDefault(apiField, apiField);
  }

  private ApplicationRequest toRequest(DelegateExecution execution, List<FieldViolation> violations) {
    String guaranteeType = text(execution, "guaranteeType");
    ApplicationRequest.Collateral collateral = "MORTGAGE".equals(guaranteeType)
        ? new ApplicationRequest.Collateral(text(execution, "collateralType"), text(execution, "collateralDescription"),
            money(execution, "collateralAppraisedValue", violations))
        : null;
    List<ApplicationRequest.GuarantorRequest> guarantors = new ArrayList<>();
    if ("GUARANTEE".equals(guaranteeType) || "JOINT_GUARANTEE".equals(guaranteeType)) {
      for (int n = 1; n <= COUNTER_GUARANTORS; n++) {
        String name = text(execution, guarantorField(n, "Name"));
        String id = upper(text(execution, guarantorField(n, "IdNumber")));
        if (name != null || id != null) {
          guarantors.add(new ApplicationRequest.GuarantorRequest(text(execution, guarantorField(n, "Type")), name, id,
              text(execution, guarantorField(n, "Relation")), text(execution, guarantorField(n, "Mobile"))));
        }
      }
    }
    return new ApplicationRequest(
        Channel.BRANCH_COUNTER.name(),
        upper(text(execution, BRANCH_FIELD)),
        text(execution, "product"),
        new ApplicationRequest.Enterprise(text(execution, "enterpriseName"), upper(text(execution, "creditCode")),
            upper(text(execution, "industryCode")), date(execution, "establishedOn", violations),
            money(execution, "annualRevenue", violations)),
        new ApplicationRequest.LegalRepresentative(text(execution, "legalRepName"),
            upper(text(execution, "legalRepIdNumber")), text(execution, "legalRepMobile"), text(execution, "legalRepEmail")),
        money(execution, "requestedAmount", violations),
        integer(execution, "termMonths", violations),
        text(execution, "purpose"),
        guaranteeType,
        collateral,
        guarantors);
  }

  private String currentUser() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  private boolean mayActFor(String user, String branch) {
    return identityService.createGroupQuery().groupMember(user)
        .groupIdIn(Groups.acceptance(branch), Groups.customerManagers(branch), Groups.CAMUNDA_ADMIN).count() > 0;
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static String upper(String value) {
    return value == null ? null : value.toUpperCase();
  }

  private static BigDecimal money(DelegateExecution execution, String name, List<FieldViolation> violations) {
    Object value = execution.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      // Thousands separators as clerks type them (1,200,000.00) are dropped.
      return TaskForm.decimal(value instanceof String text ? text.replace(",", "") : value);
    } catch (NumberFormatException e) {
      violations.add(new FieldViolation(name, "INVALID_TYPE", "应为金额数字"));
      return null;
    }
  }

  private static Integer integer(DelegateExecution execution, String name, List<FieldViolation> violations) {
    Object value = execution.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(value.toString().trim()).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      violations.add(new FieldViolation(name, "INVALID_TYPE", "应为整数"));
      return null;
    }
  }

  private static LocalDate date(DelegateExecution execution, String name, List<FieldViolation> violations) {
    Object value = execution.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    if (value instanceof Date date) {
      return LocalDate.ofInstant(date.toInstant(), BusinessClock.BANK_ZONE);
    }
    try {
      return LocalDate.parse(value.toString().trim().substring(0, Math.min(10, value.toString().trim().length())));
    } catch (RuntimeException e) {
      violations.add(new FieldViolation(name, "INVALID_TYPE", "应为日期, 如 2016-04-18"));
      return null;
    }
  }
}
