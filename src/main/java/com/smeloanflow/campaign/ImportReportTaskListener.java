package com.smeloanflow.campaign;

import com.smeloanflow.platform.FormText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task listener (create) of "核对白名单导入结果": the import report as read-only task-local values for the form. */
@Component("importReportTask")
public class ImportReportTaskListener implements TaskListener {

  /** The task-local values it sets, by the names the form uses. */
  public static final List<String> FORM_VALUES = List.of("campaignId", "campaignName", "rowsTotal", "rowsAccepted", "rowsRefused",
      "refusedLinesText", "assignmentText");

  private final CampaignService campaigns;

  public ImportReportTaskListener(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void notify(DelegateTask task) {
    CampaignReport report = campaigns.report(task.getExecution().getProcessBusinessKey());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("campaignId", report.campaign().id());
    values.put("campaignName", report.campaign().name());
    values.put("rowsTotal", report.campaign().rowsTotal());
    values.put("rowsAccepted", report.campaign().rowsAccepted());
    values.put("rowsRefused", report.campaign().rowsRefused());
    List<CampaignReport.Line> refused = report.lines().stream().filter(line -> "REFUSED".equals(line.result())).toList();
    // The refused lines that fit in the engine's form value, the rest counted: a line's reasons and enterprise name run
    // long (50 refused lines passed 4,000 characters and failed the import), the whole report is over the API.
    values.put("refusedLinesText", refused.isEmpty() ? "无" : FormText.firstEntries(refused.stream()
        .map(line -> "- 第 " + line.line() + " 行 " + (line.creditCode() == null ? "" : line.creditCode() + " ")
            + (line.enterpriseName() == null ? "" : line.enterpriseName()) + ": "
            + line.reasons().stream().map(r -> r.message()).collect(Collectors.joining("; ")))
        .toList(), left -> "- …… 其余 " + left + " 行见 GET /api/campaigns/" + report.campaign().id(), FormText.MAX_CHARACTERS));
    Map<String, Long> perManager = report.lines().stream().filter(line -> line.customerManager() != null)
        .collect(Collectors.groupingBy(line -> line.branchCode() + " " + line.customerManager(), TreeMap::new, Collectors.counting()));
    values.put("assignmentText", perManager.isEmpty() ? "无" : perManager.entrySet().stream()
        .map(e -> "- " + e.getKey() + ": " + e.getValue() + " 家").collect(Collectors.joining("\n")));
    task.setVariablesLocal(values);
  }
}
