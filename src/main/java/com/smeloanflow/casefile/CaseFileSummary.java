package com.smeloanflow.casefile;

import com.smeloanflow.platform.FormText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The case file's part of every task form: what people found when they checked the application so
 * far (centre review, verification, investigation, information provided), in order; the committee's votes, what was
 * approved and the question of a return are approval's, set only on the tasks whose forms show them.
 */
@Component
@Order(90)
public class CaseFileSummary implements TaskSummaryContributor {

  /** The task-local values it sets, by the names the forms use (checks). */
  public static final java.util.List<String> FORM_VALUES = java.util.List.of("verificationHistoryText", "verificationAttemptsText");

  private final ApplicationChecks checks;

  public CaseFileSummary(ApplicationChecks checks) {
    this.checks = checks;
  }

  @Override
  public Map<String, Object> summary(String applicationId) {
    List<ApplicationChecks.Check> list = checks.of(applicationId, CheckType.CENTRE_REVIEW, CheckType.REMOTE_VERIFICATION,
        CheckType.FIELD_INVESTIGATION, CheckType.INFORMATION_PROVIDED);
    Map<String, Object> values = new LinkedHashMap<>();
    // Reviews, verification attempts and answers grow with each round: the newest that fit the engine's column.
    values.put("verificationHistoryText", list.isEmpty() ? "无"
        : FormText.newestLast(list.stream().map(check -> "- " + check.describe()).toList(), "核实记录", FormText.MAX_CHARACTERS));
    values.put("verificationAttemptsText", checks.count(applicationId, CheckType.REMOTE_VERIFICATION) + " 次 (满 3 次无法联系转实地调查)");
    return values;
  }
}
