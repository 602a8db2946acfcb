package com.smeloanflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * Every stage and user task of loan-origination has a text written for the applicant: a task added to the model is
 * given one deliberately (else the channel reads 银行处理中), and no text repeats a staff name.
 */
class ApplicantProgressTest {

  private final BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("bpmn", "loan-origination.bpmn").toFile());

  @Test
  void everyUserTaskOfTheOriginationHasATextForTheApplicantOtherThanItsStaffName() {
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(ApplicantProgress.task(task.getId())).as(task.getId())
          .isNotEqualTo(ApplicantProgress.BANK_AT_WORK).isNotEqualTo(task.getName());
    }
  }

  @Test
  void everyNamedStageOfTheOriginationHasATextForTheApplicant() {
    model.getModelElementsByType(SubProcess.class).stream().filter(stage -> stage.getName() != null)
        .forEach(stage -> assertThat(ApplicantProgress.stage(stage.getId())).as(stage.getId())
            .isNotEqualTo(ApplicantProgress.BANK_AT_WORK));
  }

  @Test
  void aTaskOrStageWithoutATextReadsAsTheBankAtWork() {
    assertThat(ApplicantProgress.task("UserTask_NotYetModelled")).isEqualTo("银行处理中");
    assertThat(ApplicantProgress.stage("SubProcess_NotYetModelled")).isEqualTo("银行处理中");
  }
}
