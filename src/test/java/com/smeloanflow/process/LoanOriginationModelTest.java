package com.smeloanflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Model checks of the deployed {@code loan-origination}: the Java declarations
 * ({@link LoanOriginationProcess}) name elements and messages that exist, so a rename in Modeler
 * fails the build; forms exist, are deployed and are referenced correctly; every bean a
 * delegate expression names exists.
 */
class LoanOriginationModelTest extends AbstractIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

  /** Typed-id prefixes of STYLE.md and the BPMN type each stands for. */
  private static final Map<String, Class<? extends BaseElement>> ID_PREFIXES = Map.of(
      "StartEvent_", StartEvent.class,
      "UserTask_", UserTask.class,
      "ServiceTask_", ServiceTask.class,
      "Gateway_", ExclusiveGateway.class,
      "BoundaryEvent_", BoundaryEvent.class,
      "EndEvent_", EndEvent.class,
      "SequenceFlow_", SequenceFlow.class);

  @Autowired private ApplicationContext applicationContext;

  private ProcessDefinition definition;
  private BpmnModelInstance model;

  @BeforeEach
  void loadDeployedModel() {
    definition = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(LoanOriginationProcess.KEY).latestVersion().singleResult();
    assertThat(definition).as("deployed process %s", LoanOriginationProcess.KEY).isNotNull();
    model = repositoryService.getBpmnModelInstance(definition.getId());
  }

  @Test
  void processIsDeployedFromTheFileNamedAfterItsKey() {
    assertThat(definition.getResourceName()).isEqualTo("bpmn/" + LoanOriginationProcess.KEY + ".bpmn");
    assertThat(model.getModelElementsByType(Process.class)).singleElement()
        .satisfies(process -> {
          assertThat(process.getId()).isEqualTo(LoanOriginationProcess.KEY);
          assertThat(process.isExecutable()).isTrue();
          assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        });
  }

  @Test
  void everyElementConstantExistsInTheDeployedModelWithItsType() {
    Map<String, String> constants = constants(LoanOriginationProcess.Elements.class);
    assertThat(constants).isNotEmpty();

    constants.forEach((name, id) -> {
      BaseElement element = model.getModelElementById(id);
      assertThat(element).as("Elements.%s = %s in the deployed model", name, id).isNotNull();
      ID_PREFIXES.forEach((prefix, type) -> {
        if (id.startsWith(prefix)) {
          assertThat(element).as("Elements.%s = %s is a %s", name, id, type.getSimpleName()).isInstanceOf(type);
        }
      });
    });
  }

  @Test
  void everyMessageConstantIsAMessageOfTheModel() {
    List<String> messageNames = model.getModelElementsByType(Message.class).stream().map(Message::getName).toList();
    Map<String, String> constants = constants(LoanOriginationProcess.Messages.class);
    assertThat(constants).isNotEmpty();

    constants.forEach((name, message) ->
        assertThat(messageNames).as("Messages.%s = %s", name, message).contains(message));
  }

  @Test
  void everyFormParsesAndIsNamedAfterItsId() throws IOException {
    Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form");
    assertThat(forms).isNotEmpty();
    List<String> deployed = repositoryService.getDeploymentResourceNames(definition.getDeploymentId());

    for (Resource form : forms) {
      String fileName = form.getFilename();
      JsonNode schema;
      try (InputStream in = form.getInputStream()) {
        schema = JSON.readTree(in);
      }
      assertThat(schema.path("id").asText()).as("id of %s", fileName).isEqualTo(fileName.replace(".form", ""));
      assertThat(schema.path("components").isArray()).as("components of %s", fileName).isTrue();
      assertThat(deployed).as("deployed with the process").contains("forms/" + fileName);
    }
  }

  @Test
  void everyFormRefPointsToAFormDeployedWithTheProcess() throws IOException {
    List<String> formIds = new ArrayList<>();
    for (String resource : repositoryService.getDeploymentResourceNames(definition.getDeploymentId())) {
      if (resource.endsWith(".form")) {
        try (InputStream in = repositoryService.getResourceAsStream(definition.getDeploymentId(), resource)) {
          formIds.add(JSON.readTree(in).path("id").asText());
        }
      }
    }
    List<String> formRefs = new ArrayList<>();
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null) {
        formRefs.add(start.getCamundaFormRef());
        assertThat(start.getCamundaFormRefBinding()).as("formRefBinding of %s", start.getId()).isEqualTo("deployment");
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaFormRef()).as("every user task has a Camunda Form: %s", task.getId()).isNotBlank();
      assertThat(task.getCamundaFormRefBinding()).as("formRefBinding of %s", task.getId()).isEqualTo("deployment");
      formRefs.add(task.getCamundaFormRef());
    }

    assertThat(formRefs).isNotEmpty();
    assertThat(formIds).containsAll(formRefs);
  }

  @Test
  void everyDelegateExpressionNamesAnExistingBean() {
    List<String> expressions = new ArrayList<>();
    model.getModelElementsByType(ServiceTask.class).forEach(task -> {
      assertThat(task.getCamundaDelegateExpression()).as("service task %s uses a delegate expression", task.getId())
          .isNotBlank();
      expressions.add(task.getCamundaDelegateExpression());
    });
    model.getModelElementsByType(CamundaExecutionListener.class).stream()
        .map(CamundaExecutionListener::getCamundaDelegateExpression).filter(e -> e != null).forEach(expressions::add);
    model.getModelElementsByType(CamundaTaskListener.class).stream()
        .map(CamundaTaskListener::getCamundaDelegateExpression).filter(e -> e != null).forEach(expressions::add);

    assertThat(expressions).isNotEmpty();
    for (String expression : expressions) {
      Matcher bean = BEAN_EXPRESSION.matcher(expression);
      assertThat(bean.matches()).as("%s is ${beanName}", expression).isTrue();
      assertThat(applicationContext.containsBean(bean.group(1))).as("bean %s", bean.group(1)).isTrue();
    }
  }

  /** The public static final String fields of a declaration class, by field name. */
  private static Map<String, String> constants(Class<?> declarations) {
    Map<String, String> constants = new LinkedHashMap<>();
    for (Field field : declarations.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
        try {
          constants.put(field.getName(), (String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return constants;
  }
}
