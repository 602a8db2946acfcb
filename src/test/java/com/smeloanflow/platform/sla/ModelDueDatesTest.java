package com.smeloanflow.platform.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * A due date a model sets on a user task wins over the deadline of the task type's SLA row ({@code task_sla_target},
 * working hours on the bank calendar, which process owners change with {@code PUT /api/sla-targets/...}): the row's
 * deadline would then never apply. So a model sets one only where the date is the business's own, listed here;
 * every other task type with a row takes its deadline from it.
 */
class ModelDueDatesTest extends AbstractIntegrationTest {

  /**
   * {@code process/task}: the collection ladder's rungs, the due-diligence review, the first post-loan check (within 30
   * days of disbursement) and the renewal's amount review (the end of its day).
   */
  private static final Set<String> DATED_BY_THE_MODEL = Set.of(
      "collection/UserTask_CollectByPhone", "collection/UserTask_VisitBorrower", "collection/UserTask_SuperviseOverdueLoan",
      "collection/UserTask_ProposeDisposal", "collection/UserTask_ApproveDisposal", "collection/UserTask_FollowUpLegalAction",
      "due-diligence-review/UserTask_ReviewDueDiligence", "post-loan-monitoring/UserTask_FirstPostLoanCheck",
      "loan-renewal/UserTask_ReviewRenewalAmount");

  @Test
  void aTaskTypeWithAnSlaRowTakesItsDeadlineFromTheRowUnlessTheDateIsTheBusinesss() throws IOException {
    Set<String> withRow = new HashSet<>(jdbc.sql("SELECT process_key || '/' || task_key FROM task_sla_target")
        .query(String.class).list());
    List<String> dated = new java.util.ArrayList<>();
    try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
      for (Path file : models.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        var model = Bpmn.readModelFromFile(file.toFile());
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
          if (task.getCamundaDueDate() != null) {
            String process = ((Process) model.getModelElementsByType(Process.class).iterator().next()).getId();
            dated.add(process + "/" + task.getId());
          }
        }
      }
    }

    assertThat(dated).as("user tasks whose model sets a due date").isNotEmpty()
        .filteredOn(withRow::contains).allSatisfy(task -> assertThat(DATED_BY_THE_MODEL).as("dated by the model, not its SLA row")
            .contains(task));
  }
}
