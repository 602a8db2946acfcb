package com.smeloanflow.monitoring;

import static com.smeloanflow.process.PostLoanCheckProcess.Variables.CHECK_OUTCOME;

import com.smeloanflow.platform.TaskActor;
import com.smeloanflow.platform.TaskForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "远程核查贷后风险" and "实地检查贷后风险" (complete): the checker's conclusion, findings and ticks; the
 * gateway reads the conclusion.
 */
@Component("postLoanCheckTask")
public class PostLoanCheckTaskListener implements TaskListener {

  public static final String CONCLUSION = "checkConclusion";
  public static final String FINDINGS = "checkFindings";
  public static final String LINE_MEASURE = "lineMeasure";
  public static final String REDUCED_LIMIT = "reducedLimit";

  /** The checkboxes of the remote check's form, with what a tick means. */
  public static final Map<String, String> REMOTE_CHECKLIST = checklist("borrowerReached", "已联系借款人或实际控制人",
      "businessOperating", "企业仍正常经营", "repaymentSourceStable", "还款来源稳定");
  /** The checkboxes of the on-site check's form. */
  public static final Map<String, String> ON_SITE_CHECKLIST = checklist("premisesVisited", "已实地查看经营场所",
      "assetsVerified", "已核实存货、设备等资产", "controllerInterviewed", "已面谈实际控制人");

  private final PostLoanCheckService checks;

  public PostLoanCheckTaskListener(PostLoanCheckService checks) {
    this.checks = checks;
  }

  @Override
  public void notify(DelegateTask task) {
    TaskForm form = TaskForm.of(task);
    List<String> ticked = new ArrayList<>();
    List<String> fields = new ArrayList<>(List.of(CONCLUSION, FINDINGS, LINE_MEASURE, REDUCED_LIMIT));
    for (Map<String, String> checklist : List.of(REMOTE_CHECKLIST, ON_SITE_CHECKLIST)) {
      checklist.forEach((field, label) -> {
        if (form.checked(field)) {
          ticked.add(label);
        }
        fields.add(field);
      });
    }
    PostLoanCheck done = checks.complete(new CompleteCheck(task.getExecution().getProcessBusinessKey(),
        form.optionalChoice(CONCLUSION, "检查结论", CheckOutcome.class), form.text(FINDINGS), ticked,
        form.optionalChoice(LINE_MEASURE, "额度管控措施", LineMeasure.class), form.money(REDUCED_LIMIT, "压降后额度"),
        TaskActor.of(task)));
    CHECK_OUTCOME.set(task.getExecution(), done.outcome().name());
    form.discard(fields.toArray(String[]::new));
  }

  private static Map<String, String> checklist(String... fieldsAndLabels) {
    Map<String, String> checklist = new LinkedHashMap<>();
    for (int i = 0; i < fieldsAndLabels.length; i += 2) {
      checklist.put(fieldsAndLabels[i], fieldsAndLabels[i + 1]);
    }
    return checklist;
  }
}
