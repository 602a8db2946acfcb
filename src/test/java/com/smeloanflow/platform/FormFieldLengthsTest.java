package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/** The length limits read from a Camunda Form, counted as Tasklist's form-js counts them. */
class FormFieldLengthsTest {

  private static final String FORM = """
      {"type": "default", "id": "sample", "components": [
        {"type": "text", "text": "## 说明"},
        {"type": "textarea", "key": "returnQuestion", "label": "需补充的问题", "validate": {"required": false, "maxLength": 500}},
        {"type": "textfield", "key": "remark", "label": "备注"},
        {"type": "number", "key": "approvedAmount", "label": "批准金额(元)", "validate": {"min": 0.01, "maxLength": 3}},
        {"type": "select", "key": "reason", "label": "原因", "validate": {"maxLength": 2}},
        {"type": "group", "label": "联系人", "components": [
          {"type": "textfield", "key": "contactName", "label": "联系人姓名", "validate": {"minLength": 2, "maxLength": 20}},
          {"type": "group", "components": [
            {"type": "textfield", "key": "contactMobile", "validate": {"maxLength": 11}}
          ]}
        ]},
        {"type": "group", "path": "address", "components": [
          {"type": "textfield", "key": "street", "label": "街道", "validate": {"maxLength": 5}}
        ]},
        {"type": "textfield", "label": "无键", "validate": {"maxLength": 1}}
      ]}
      """;

  private final FormFieldLengths form = FormFieldLengths.parse(FORM.getBytes(StandardCharsets.UTF_8));

  @Test
  void findsTheLimitsOfTextFieldsAtAnyDepthOfGroupsAndNothingElse() {
    assertThat(form.limits()).containsOnlyKeys("returnQuestion", "contactName", "contactMobile");
    assertThat(form.limits().get("returnQuestion")).isEqualTo(new FormFieldLengths.Limit("需补充的问题", null, 500, null));
    assertThat(form.limits().get("contactName")).isEqualTo(new FormFieldLengths.Limit("联系人姓名", 2, 20, null));
    assertThat(form.limits().get("contactMobile").label()).as("no label: the key").isEqualTo("contactMobile");
  }

  @Test
  void refusesATextLongerThanItsFieldsMaxLengthNamingLabelKeyAndLimit() {
    assertThat(check(Map.of("returnQuestion", "问".repeat(500)))).isEmpty();
    assertThat(check(Map.of("returnQuestion", "问".repeat(501)))).isEqualTo("需补充的问题最多 500 字, 填写了 501 字 (returnQuestion has 501 of at most 500 characters)");
  }

  @Test
  void aFieldsTooLongHintIsToldWithEachRefusalOfATextTooLongForIt() {
    FormFieldLengths withHint = FormFieldLengths.parse("""
        {"components": [{"type": "textarea", "key": "csv", "label": "白名单", "validate": {"minLength": 3, "maxLength": 10},
          "properties": {"tooLongHint": " 更大的文件请通过接口导入 "}}]}
        """.getBytes(StandardCharsets.UTF_8));

    assertThat(withHint.violations(List.of("csv"), key -> "x".repeat(11))).contains(
        "白名单最多 10 字, 填写了 11 字, 更大的文件请通过接口导入 (csv has 11 of at most 10 characters)");
    assertThat(withHint.violations(List.of("csv"), key -> "x".repeat(5) + " ".repeat(4000))).as("too long to store")
        .hasValueSatisfying(refusal -> assertThat(refusal).startsWith("白名单共 4005 字 (含首尾空白), 超过系统可保存的 4000 字, 更大的文件请通过接口导入 ("));
    assertThat(withHint.violations(List.of("csv"), key -> "xy")).as("too short: no hint").contains(
        "白名单至少 3 字, 填写了 2 字 (csv has 2 of at least 3 characters)");
  }

  @Test
  void countsAsTheBrowserDoesWithoutWhitespaceAtTheEndsInUtf16CodeUnits() {
    assertThat(check(Map.of("returnQuestion", " \n\u3000" + "问".repeat(500) + "\u00A0\r\n"))).isEmpty();
    assertThat(check(Map.of("contactMobile", "😀".repeat(5)))).as("an emoji is two code units in JavaScript").isEmpty();
    assertThat(check(Map.of("contactMobile", "😀".repeat(6)))).contains("最多 11 字, 填写了 12 字");
  }

  @Test
  void aShortTextIsRefusedByMinLengthButAnEmptyOneIsLeftToTheRequiredCheck() {
    assertThat(check(Map.of("contactName", "张"))).isEqualTo("联系人姓名至少 2 字, 填写了 1 字 (contactName has 1 of at least 2 characters)");
    assertThat(check(Map.of("contactName", "  "))).isEmpty();
  }

  @Test
  void fieldsWithoutALimitOtherFieldsAndValuesNotSubmittedAreNotChecked() {
    assertThat(check(Map.of("remark", "备".repeat(4000), "approvedAmount", "123456", "reason", "OVERALL_ASSESSMENT",
        "street", "很长很长的街道名称", "unknown", "x".repeat(4000)))).isEmpty();
  }

  @Test
  void aTextWithinTheFormsLimitButTooLongToStoreIsRefusedCountedInFull() {
    String padded = "问".repeat(500) + "\u3000".repeat(3600);

    assertThat(check(Map.of("returnQuestion", padded))).as("500 for the form, 4,100 for the column")
        .isEqualTo("需补充的问题共 4100 字 (含首尾空白), 超过系统可保存的 4000 字 (returnQuestion has 4100 characters, whitespace"
            + " at the ends included, more than the 4000 the engine stores)");
    assertThat(check(Map.of("returnQuestion", "问".repeat(500) + "\u3000".repeat(3500)))).isEmpty();
    assertThat(check(Map.of("returnQuestion", "问".repeat(600) + "\u3000".repeat(3600)))).as("the form's limit first")
        .startsWith("需补充的问题最多 500 字, 填写了 600 字 (");
    assertThat(check(Map.of("remark", "备".repeat(4001)))).as("a field the form sets no limit on is named by its key")
        .startsWith("remark 共 4001 字 (含首尾空白), 超过系统可保存的 4000 字 (");
    assertThat(FormFieldLengths.NONE.violations(List.of("note"), name -> "\u3000".repeat(4001))).as("no form at all")
        .hasValueSatisfying(refusal -> assertThat(refusal).startsWith("note 共 4001 字 (含首尾空白)"));
    assertThat(FormFieldLengths.NONE.violations(List.of("scan"), name -> new byte[5000])).as("not text: not in the column")
        .isEmpty();
  }

  @Test
  void namesEveryFieldThatBreaksItsLimitInOneRefusal() {
    Map<String, Object> submitted = new java.util.LinkedHashMap<>();
    submitted.put("returnQuestion", "问".repeat(600));
    submitted.put("contactMobile", "1".repeat(12));
    String refusal = check(submitted);
    assertThat(refusal).startsWith("需补充的问题最多 500 字, 填写了 600 字; contactMobile最多 11 字, 填写了 12 字 (")
        .endsWith("returnQuestion has 600 of at most 500 characters; contactMobile has 12 of at most 11 characters)");
  }

  @Test
  void readsTheVariablesACompletionOrAFormSubmissionSends() {
    Map<String, Object> variables = Map.of("returnQuestion", "问题", "approvalDecision", "RETURN");

    assertThat(FormLengthGuard.submittedVariables(new CompleteTaskCmd("task-1", variables), "task-1"))
        .containsExactlyInAnyOrder("returnQuestion", "approvalDecision");
    assertThat(FormLengthGuard.submittedVariables(new SubmitTaskFormCmd("task-1", Variables.fromMap(variables), false, false),
        "task-1")).containsExactlyInAnyOrder("returnQuestion", "approvalDecision");
    assertThat(FormLengthGuard.submittedVariables(new CompleteTaskCmd("task-2", variables), "task-1")).as("another task").isEmpty();
    assertThat(FormLengthGuard.submittedVariables(new CompleteTaskCmd("task-1", null), "task-1")).isEmpty();
  }

  private String check(Map<String, Object> submitted) {
    return form.violations(List.copyOf(submitted.keySet()), submitted::get).orElse("");
  }
}
