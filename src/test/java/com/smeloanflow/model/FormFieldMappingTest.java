package com.smeloanflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every form in {@code forms/} parses, is used by a model, and maps only to variables the code
 * knows: its input fields are exactly the ones the code reads back ({@link FormContract#writes}),
 * and what it shows is set by the process or a task listener ({@link FormContract#readable}).
 */
class FormFieldMappingTest {

  private static final Path FORMS = Path.of("forms");
  private static final Path MODELS = Path.of("bpmn");

  private final Map<String, FormSchema> forms = FormSchema.all(FORMS);
  private final Map<String, FormContract> contracts =
      FormContracts.all().stream().collect(Collectors.toMap(FormContract::formId, Function.identity()));

  @Test
  void everyFormHasAContractAndEveryContractAForm() {
    assertThat(forms).as("forms in forms/").isNotEmpty();
    assertThat(forms.keySet()).as("form ids in forms/ vs. contracts in FormContracts")
        .containsExactlyInAnyOrderElementsOf(contracts.keySet());
  }

  @Test
  void everyFormRefPointsToAFormAndEveryFormIsUsed() throws IOException {
    Map<String, String> formRefs = new TreeMap<>(); // formRef -> element
    try (Stream<Path> files = Files.list(MODELS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
          if (task.getCamundaFormRef() != null) {
            formRefs.put(task.getCamundaFormRef(), file.getFileName() + "#" + task.getId());
          }
        }
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
          if (start.getCamundaFormRef() != null) {
            formRefs.put(start.getCamundaFormRef(), file.getFileName() + "#" + start.getId());
          }
        }
      }
    }
    assertThat(forms.keySet()).as("formRefs in bpmn/ (formRef -> element: %s)", formRefs)
        .containsAll(formRefs.keySet());
    assertThat(formRefs.keySet()).as("forms no model uses").containsAll(forms.keySet());
  }

  @TestFactory
  Stream<DynamicTest> formFieldsAreTheOnesTheCodeReads() {
    return forms.values().stream().filter(form -> contracts.containsKey(form.id()))
        .map(form -> DynamicTest.dynamicTest(form.file(), () -> {
          FormContract contract = contracts.get(form.id());
          assertThat(new TreeSet<>(form.inputs().keySet()))
              .as("%s: input field keys (left) vs. the fields the code reads (right); extra on the left = a field"
                  + " no code reads, missing = a field the code expects", form.file())
              .containsExactlyElementsOf(contract.writes());
        }));
  }

  @TestFactory
  Stream<DynamicTest> formsShowOnlyVariablesTheProcessSets() {
    return forms.values().stream().filter(form -> contracts.containsKey(form.id()))
        .map(form -> DynamicTest.dynamicTest(form.file(), () -> {
          Set<String> unknown = new TreeSet<>(form.reads());
          unknown.removeAll(contracts.get(form.id()).readable());
          assertThat(unknown).as("%s reads variables that neither the process nor a task listener sets",
              form.file()).isEmpty();
        }));
  }

  /**
   * A member's vote form says when the vote ends: 表决期限已到 follows the latest due date of the members' open vote
   * tasks ({@code TaskSla}, when one is moved by hand), not the due date of the member's own task.
   */
  @Test
  void committeeVoteFormsSayTheVoteEndsAtTheLatestDueDateOfTheMembersTasks() throws IOException {
    for (String form : List.of("committee-vote.form", "renewal-committee-vote.form")) {
      String text = texts(FORMS.resolve(form));
      assertThat(text).as("%s: what it says of the vote's end", form)
          .contains("表决期限(各委员表决待办中最晚的到期时间)已到").doesNotContain("本任务的到期时间");
    }
  }

  /**
   * The renewal decision forms show, above the facts of the offer, the eligibility table asked again with the loan as it
   * stands (当前续贷资格, set when the task is created or claimed), so that the approver, a member or the chair reads
   * 不符合 and why before deciding, not when 批准 is refused.
   */
  @Test
  void renewalDecisionFormsShowWhetherTheLoanStillMeetsTheRenewalTable() throws IOException {
    for (String form : List.of("approve-renewal.form", "renewal-committee-vote.form",
        "decide-renewal-committee-resolution.form")) {
      String text = texts(FORMS.resolve(form));
      assertThat(text).as("%s: the eligibility now", form).contains("当前续贷资格").contains("{{renewalEligibilityNowText}}");
      assertThat(text.indexOf("{{renewalEligibilityNowText}}")).as("%s: shown before the offer's facts", form)
          .isLessThan(text.indexOf("{{renewalClassificationName}}"));
      assertThat(text).as("%s: the offer's facts say they are the offer's", form).contains("续贷邀约时")
          .doesNotContain("| 当前风险分类 |");
    }
  }

  /**
   * A field the form shows only for one answer, and that the code requires with that answer, is required in the form,
   * so Tasklist marks it and asks for it before the completion instead of the server refusing it afterwards
   * (form-js validates only the fields it shows). E.g. 需补充的问题 on 退回 ({@code ApprovalService}: returnQuestion),
   * 告知借款人的原因 on 不批准 ({@code RenewalApprovalService}), 承诺还款金额/日期 on 承诺还款
   * ({@code CollectionCaseService}).
   */
  @Test
  void fieldsTheCodeRequiresWhenShownAreRequiredInTheForm() throws IOException {
    Map<String, List<String>> requiredWhenShown = new TreeMap<>(Map.ofEntries(
        Map.entry("approve-loan.form", List.of("approvalConditions", "returnQuestion", "rejectionReason", "rejectionCustomerReason")),
        Map.entry("decide-committee-resolution.form",
            List.of("approvalConditions", "returnQuestion", "rejectionReason", "rejectionCustomerReason")),
        Map.entry("committee-vote.form", List.of("proposedConditions")),
        Map.entry("check-disbursement.form", List.of("holdUntil", "supplementDocuments")),
        Map.entry("check-on-site.form", List.of("lineMeasure", "reducedLimit")),
        Map.entry("check-remotely.form", List.of("lineMeasure", "reducedLimit")),
        Map.entry("review-credit-line.form", List.of("decidedLimit")),
        Map.entry("review-exception.form", List.of("reviewCustomerReason")),
        Map.entry("approve-renewal.form", List.of("renewalCustomerReason")),
        Map.entry("decide-renewal-committee-resolution.form", List.of("renewalCustomerReason")),
        Map.entry("collect-by-phone.form", List.of("promisedAmount", "promisedDate")),
        Map.entry("visit-borrower.form", List.of("promisedAmount", "promisedDate")),
        Map.entry("supervise-overdue-loan.form", List.of("promisedAmount", "promisedDate")),
        // each officer's finding and reason ({@code DueDiligenceReviewService.conclude}), shown for a role that has one
        Map.entry("review-due-diligence.form", List.of("customerManagerOutcome", "customerManagerReason", "approverOutcome",
            "approverReason", "checkerOutcome", "checkerReason"))));
    List<String> optional = new ArrayList<>();
    for (Map.Entry<String, List<String>> form : requiredWhenShown.entrySet()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      for (JsonNode components : new ObjectMapper().readTree(FORMS.resolve(form.getKey()).toFile()).findValues("components")) {
        components.forEach(component -> fields.put(component.path("key").asText(), component));
      }
      for (String key : form.getValue()) {
        JsonNode field = fields.get(key);
        assertThat(field).as("%s: field %s", form.getKey(), key).isNotNull();
        assertThat(field.path("conditional").path("hide").asText()).as("%s: %s is shown only for one answer", form.getKey(), key)
            .isNotEmpty();
        if (!field.path("validate").path("required").asBoolean()) {
          optional.add(form.getKey() + "#" + key);
        }
      }
    }
    assertThat(optional).as("fields the code requires when the form shows them, optional in the form").isEmpty();
  }

  /**
   * A field the form always shows, optional for one answer and required by the code for the others, says when it is
   * required (必填) in its label or description, e.g. 核实情况说明 unless 核实通过 ({@code VerificationService}).
   */
  @Test
  void fieldsTheCodeRequiresForSomeAnswersSaySo() throws IOException {
    Map<String, String> requiredForSomeAnswers = new TreeMap<>(Map.of(
        "verify-remotely.form", "verificationNotes",
        "check-disbursement.form", "disbursementNotes",
        "approve-disposal.form", "disposalComment",
        "approve-reclassification.form", "reclassificationNote",
        "approve-renewal.form", "renewalDecisionNote",
        "decide-renewal-committee-resolution.form", "renewalDecisionNote"));
    for (Map.Entry<String, String> form : requiredForSomeAnswers.entrySet()) {
      JsonNode field = null;
      for (JsonNode components : new ObjectMapper().readTree(FORMS.resolve(form.getKey()).toFile()).findValues("components")) {
        for (JsonNode component : components) {
          if (component.path("key").asText().equals(form.getValue())) {
            field = component;
          }
        }
      }
      assertThat(field).as("%s: field %s", form.getKey(), form.getValue()).isNotNull();
      assertThat(field.path("label").asText() + " " + field.path("description").asText())
          .as("%s: what %s tells of when it is required", form.getKey(), form.getValue()).contains("必填");
    }
  }

  /**
   * What a field's help text says of its limits is what the task's listener checks: the approved amount is refused
   * above the collateral cap and below the product's minimum as well as above the requested amount
   * ({@code ApprovalService}), a conditional approval that neither lowers the amount nor adds a guarantor is refused
   * ({@code ApprovalService}), the chair's above every member's vote to approve after a majority approved
   * ({@code CommitteeService.resolve}), and left empty it is the amount applied for, so above the cap an amount is
   * required; a disbursement hold ends from tomorrow to 30 days on ({@code DisbursementCheckService.MAX_HOLD_DAYS}); a
   * prospect's follow-up date from tomorrow to 180 days on ({@code CampaignService.MAX_FOLLOW_UP_DAYS}).
   */
  @Test
  void helpTextsSayTheLimitsTheCodeChecks() throws IOException {
    for (String form : List.of("approve-loan.form", "decide-committee-resolution.form")) {
      assertThat(description(form, "approvedAmount")).as("%s: approvedAmount", form)
          .contains("不高于申请金额").contains("抵押物可贷上限").contains("不低于产品最低金额")
          .contains("附条件批准须降低金额或追加保证人");
    }
    // the chair signing a majority's approval adopts a member's vote to approve (CommitteeService.resolve)
    assertThat(description("decide-committee-resolution.form", "approvedAmount"))
        .contains("贷审会多数同意时不高于委员表决同意的最高金额");
    // left empty, the amount applied for is approved, which is refused above a mortgage's collateral cap
    for (Map.Entry<String, String> amount : Map.of("approve-loan.form", "approvedAmount", "committee-vote.form",
        "proposedAmount", "decide-committee-resolution.form", "approvedAmount").entrySet()) {
      assertThat(description(amount.getKey(), amount.getValue())).as("%s: %s", amount.getKey(), amount.getValue())
          .contains("不降低金额时留空; 申请金额超过抵押物可贷上限时须填写不高于上限的金额");
    }
    assertThat(description("check-disbursement.form", "holdUntil")).as("check-disbursement.form: holdUntil")
        .contains("明天至 30 天内");
    assertThat(description("contact-prospect.form", "followUpDate")).as("contact-prospect.form: followUpDate")
        .contains("明天至 180 天内");
    // VerificationService.CALL_CHECKS and DisbursementCheckService.CONFIRMATIONS: every box, for the positive answer
    assertThat(description("verify-remotely.form", "verificationOutcome")).as("verify-remotely.form: verificationOutcome")
        .contains("核实通过须勾选以上四项");
    assertThat(description("check-disbursement.form", "disbursementDecision")).as("check-disbursement.form: disbursementDecision")
        .contains("满足放款条件须勾选以上三项");
  }

  /**
   * A called-in loan goes to a collection case (移交催收, {@code EarlyCollectionReferral}), whose strategy table picks
   * the next step; 资产保全 (group collections) only meets it when disposal is proposed.
   */
  @Test
  void postLoanCheckFormsSayACalledInLoanGoesToCollections() throws IOException {
    for (String form : List.of("check-on-site.form", "check-remotely.form")) {
      assertThat(texts(FORMS.resolve(form))).as("%s: what a call-in does", form)
          .contains("提前收回时系统通知借款人并移交催收").doesNotContain("移交资产保全");
    }
  }

  /**
   * The forms of the tasks that wait for documents say the deadline their overdue timer keeps (the one the mail to the
   * applicant names) and what follows it.
   */
  @Test
  void documentFormsSayTheDeadlineOfTheirTimer() throws IOException {
    BpmnModelInstance model = Bpmn.readModelFromFile(MODELS.resolve("loan-origination.bpmn").toFile());
    Map<String, List<String>> formTimerAndText = Map.of(
        "receive-missing-documents.form", List.of("BoundaryEvent_DocumentsOverdue", "5 个工作日内仍未补齐的, 申请自动撤销"),
        "receive-disbursement-documents.form",
        List.of("BoundaryEvent_DisbursementDocumentsOverdue", "15 个工作日内仍未补齐的, 不予放款"));
    for (Map.Entry<String, List<String>> form : formTimerAndText.entrySet()) {
      TimerEventDefinition timer = model.<BoundaryEvent>
          getModelElementById(form.getValue().get(0)).getEventDefinitions().stream()
          .map(TimerEventDefinition.class::cast).findFirst().orElseThrow();
      String days = form.getValue().get(1).substring(0, form.getValue().get(1).indexOf(' '));
      assertThat(timer.getTimeDate().getTextContent()).as("%s: the timer", form.getValue().get(0))
          .isEqualTo("${bankCalendar.workingDaysLater(" + days + ")}");
      assertThat(texts(FORMS.resolve(form.getKey()))).as("%s: the deadline", form.getKey()).contains(form.getValue().get(1));
    }
  }

  private static String description(String form, String key) throws IOException {
    for (JsonNode components : new ObjectMapper().readTree(FORMS.resolve(form).toFile()).findValues("components")) {
      for (JsonNode component : components) {
        if (component.path("key").asText().equals(key)) {
          return component.path("description").asText();
        }
      }
    }
    throw new AssertionError(form + " has no field " + key);
  }

  @Test
  void formSchemaFindsWhatAFormReadsAndWrites() {
    FormSchema form = FormSchema.parse("example.form", new java.io.ByteArrayInputStream("""
        {"id": "example", "components": [
          {"type": "text", "text": "## {{applicationId}} {{ enterpriseName }}"},
          {"type": "select", "key": "guaranteeType", "label": "担保方式"},
          {"type": "textfield", "key": "collateralDescription", "label": "抵押物描述",
           "conditional": {"hide": "=guaranteeType != \\"MORTGAGE\\" or not(collateralRequired)"}},
          {"type": "group", "components": [{"type": "checkbox", "key": "ok", "label": "确认"}]}
        ]}""".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(form.inputs().keySet()).containsExactly("guaranteeType", "collateralDescription", "ok");
    assertThat(form.reads()).containsExactlyInAnyOrder("applicationId", "enterpriseName", "collateralRequired");
  }

  /** The texts (markdown) a form shows, in order. */
  private static String texts(Path form) throws IOException {
    StringBuilder texts = new StringBuilder();
    for (JsonNode components : new ObjectMapper().readTree(form.toFile()).findValues("components")) {
      for (JsonNode component : components) {
        if (component.path("type").asText().equals("text")) {
          texts.append(component.path("text").asText()).append('\n');
        }
      }
    }
    return texts.toString();
  }

  static Set<String> names(Collection<String> names) {
    return new TreeSet<>(names);
  }
}
