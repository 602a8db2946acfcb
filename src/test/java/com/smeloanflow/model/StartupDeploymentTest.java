package com.smeloanflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.support.AbstractIntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The models the application deploys at startup (META-INF/processes.xml) are redeployed all together when any
 * of them changed, so a changed process always finds its forms in its own deployment ({@code formRefBinding=
 * "deployment"}). With "changed only", a new version of a process would be deployed without its unchanged forms
 * and its tasks could not be opened in Tasklist; and a changed form alone would never be shown.
 */
class StartupDeploymentTest extends AbstractIntegrationTest {

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void removeTheTrialDeployments() {
    deployments.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true));
  }

  @Test
  void theProcessArchiveRedeploysEveryModelWhenAnyChangedNotOnlyTheChangedOnes() throws Exception {
    try (InputStream xml = getClass().getClassLoader().getResourceAsStream("META-INF/processes.xml")) {
      String archive = new String(xml.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(archive).contains("<property name=\"isDeployChangedOnly\">false</property>");
    }
  }

  @Test
  void aChangedProcessDeployedWithEveryModelStillOpensItsUnchangedForm() {
    String key = "startup-deployment-" + UUID.randomUUID().toString().substring(0, 8);
    String name = key + "-archive";
    String bpmn = process(key);
    deploy(name, false, key, bpmn);
    assertThat(deploy(name, false, key, bpmn)).as("nothing changed: nothing deployed").isNull();

    Deployment changed = deploy(name, false, key, bpmn.replace("核对资料", "核对全部资料"));

    assertThat(processEngine.getRepositoryService().getDeploymentResourceNames(changed.getId()))
        .contains(key + ".bpmn", key + ".form");
    assertThat(processEngine.getFormService().getDeployedTaskForm(taskOfANewInstance(key).getId())).isNotNull();
  }

  @Test
  void withChangedOnlyAChangedProcessWouldLoseItsForm() {
    String key = "startup-deployment-" + UUID.randomUUID().toString().substring(0, 8);
    String name = key + "-archive";
    String bpmn = process(key);
    deploy(name, true, key, bpmn);

    Deployment changed = deploy(name, true, key, bpmn.replace("核对资料", "核对全部资料"));

    assertThat(processEngine.getRepositoryService().getDeploymentResourceNames(changed.getId())).containsExactly(key + ".bpmn");
    String task = taskOfANewInstance(key).getId();
    assertThatThrownBy(() -> processEngine.getFormService().getDeployedTaskForm(task))
        .as("the form is not in the process's deployment").isNotNull();
  }

  /** A process with one user task 核对资料 whose form is {@code key}, bound to the process's deployment. */
  private static String process(String key) {
    return Bpmn.convertToString(Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent().userTask("UserTask_Check").name("核对资料").camundaFormRef(key).camundaFormRefBinding("deployment")
        .endEvent().done());
  }

  /** Deploys the process and its form as the process archive does; null when nothing was new. */
  private Deployment deploy(String name, boolean changedOnly, String key, String bpmn) {
    String form = "{\"id\": \"" + key + "\", \"type\": \"default\", \"schemaVersion\": 16, \"components\": []}";
    DeploymentBuilder builder = processEngine.getRepositoryService().createDeployment().name(name)
        .enableDuplicateFiltering(changedOnly)
        .addString(key + ".bpmn", bpmn).addString(key + ".form", form);
    Deployment deployment = builder.deployWithResult();
    if (deployments.contains(deployment.getId())) {
      return null;
    }
    deployments.add(deployment.getId());
    return deployment;
  }

  private Task taskOfANewInstance(String key) {
    String instance = processEngine.getRuntimeService().startProcessInstanceByKey(key).getId();
    return processEngine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
  }
}
