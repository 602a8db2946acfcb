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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Model checks of every deployed process of {@link ProcessDeclarations#ALL}: the Java declarations
 * name elements, sequence flows, messages and errors that exist with the type their prefix says,
 * and every wait state, gateway and end of the model has a constant, so a rename or a new element
 * in Modeler fails the build until the declaration follows; forms exist, are deployed and are
 * referenced with the binding the README promises; every bean a delegate expression names exists.
 */
class ProcessModelTest extends AbstractIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

  /** Typed-id prefixes of STYLE.md and the BPMN type each stands for. */
  private static final Map<String, Class<? extends BaseElement>> ID_PREFIXES = Map.ofEntries(
      Map.entry("StartEvent_", StartEvent.class),
      Map.entry("UserTask_", UserTask.class),
      Map.entry("ServiceTask_", ServiceTask.class),
      Map.entry("SendTask_", SendTask.class),
      Map.entry("ReceiveTask_", ReceiveTask.class),
      Map.entry("BusinessRuleTask_", BusinessRuleTask.class),
      Map.entry("SubProcess_", SubProcess.class),
      Map.entry("Gateway_", Gateway.class),
      Map.entry("BoundaryEvent_", BoundaryEvent.class),
      Map.entry("TimerEvent_", IntermediateCatchEvent.class),
      Map.entry("ThrowEvent_", IntermediateThrowEvent.class),
      Map.entry("EndEvent_", EndEvent.class),
      Map.entry("SequenceFlow_", SequenceFlow.class));

  /** Element types a test or a service addresses by id: each must have a constant. */
  private static final List<Class<? extends FlowNode>> DECLARED_TYPES = List.of(
      StartEvent.class, UserTask.class, ReceiveTask.class, ServiceTask.class, SendTask.class,
      BusinessRuleTask.class, SubProcess.class, BoundaryEvent.class, IntermediateCatchEvent.class,
      Gateway.class, EndEvent.class);

  @Autowired private ApplicationContext applicationContext;

  static Stream<Class<?>> processes() {
    return ProcessDeclarations.ALL.stream();
  }

  private BpmnModelInstance model(Class<?> declaration) {
    return repositoryService.getBpmnModelInstance(definition(declaration).getId());
  }

  private ProcessDefinition definition(Class<?> declaration) {
    String key = ProcessDeclarations.key(declaration);
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(key).latestVersion().singleResult();
    assertThat(definition).as("deployed process %s", key).isNotNull();
    return definition;
  }

  @Test
  void everyProcessDeclarationClassIsListed() throws IOException {
    List<String> declared = new ArrayList<>();
    for (Resource resource : new PathMatchingResourcePatternResolver()
        .getResources("classpath*:com/smeloanflow/process/*Process.class")) {
      declared.add("com.smeloanflow.process." + resource.getFilename().replace(".class", ""));
    }
    assertThat(ProcessDeclarations.ALL.stream().map(Class::getName).toList())
        .containsExactlyInAnyOrderElementsOf(declared);
    List<String> deployedKeys = repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
        .map(ProcessDefinition::getKey).toList();
    assertThat(ProcessDeclarations.ALL.stream().map(ProcessDeclarations::key).toList())
        .as("every deployed process has a declaration").containsExactlyInAnyOrderElementsOf(deployedKeys);
  }

  @ParameterizedTest
  @MethodSource("processes")
  void processIsDeployedFromTheFileNamedAfterItsKey(Class<?> declaration) {
    String key = ProcessDeclarations.key(declaration);
    assertThat(definition(declaration).getResourceName()).isEqualTo("bpmn/" + key + ".bpmn");
    assertThat(model(declaration).getModelElementsByType(Process.class)).singleElement()
        .satisfies(process -> {
          assertThat(process.getId()).isEqualTo(key);
          assertThat(process.isExecutable()).isTrue();
          assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        });
  }

  @ParameterizedTest
  @MethodSource("processes")
  void everyElementConstantExistsInTheDeployedModelWithItsType(Class<?> declaration) {
    BpmnModelInstance model = model(declaration);
    Map<String, String> constants = constants(declaration, "Elements");
    constants.putAll(constants(declaration, "Flows"));
    assertThat(constants).isNotEmpty();

    constants.forEach((name, id) -> {
      BaseElement element = model.getModelElementById(id);
      assertThat(element).as("%s = %s in the deployed model", name, id).isNotNull();
      ID_PREFIXES.forEach((prefix, type) -> {
        if (id.startsWith(prefix)) {
          assertThat(element).as("%s = %s is a %s", name, id, type.getSimpleName()).isInstanceOf(type);
        }
      });
    });
  }

  @ParameterizedTest
  @MethodSource("processes")
  void everyAddressableElementOfTheModelHasAConstant(Class<?> declaration) {
    BpmnModelInstance model = model(declaration);
    Set<String> declared = new HashSet<>(constants(declaration, "Elements").values());
    List<String> undeclared = new ArrayList<>();
    for (Class<? extends FlowNode> type : DECLARED_TYPES) {
      model.getModelElementsByType(type).stream().map(BaseElement::getId)
          .filter(id -> !declared.contains(id)).forEach(undeclared::add);
    }
    assertThat(undeclared).as("elements of %s without a constant in %s.Elements",
        ProcessDeclarations.key(declaration), declaration.getSimpleName()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("processes")
  void everyMessageAndErrorConstantIsOneOfTheModel(Class<?> declaration) {
    BpmnModelInstance model = model(declaration);
    List<String> messageNames = model.getModelElementsByType(Message.class).stream().map(Message::getName).toList();
    constants(declaration, "Messages").forEach((name, message) ->
        assertThat(messageNames).as("Messages.%s = %s", name, message).contains(message));
    assertThat(constants(declaration, "Messages").values()).as("every message of the model is declared")
        .containsAll(messageNames);

    List<String> errorCodes = model.getModelElementsByType(Error.class).stream().map(Error::getErrorCode).toList();
    assertThat(constants(declaration, "Errors").values()).as("error codes of %s", ProcessDeclarations.key(declaration))
        .containsExactlyInAnyOrderElementsOf(errorCodes);
  }

  @Test
  void everyFormParsesAndIsNamedAfterItsId() throws IOException {
    Resource[] forms = new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form");
    assertThat(forms).isNotEmpty();
    List<String> deployed = repositoryService.getDeploymentResourceNames(
        definition(LoanOriginationProcess.class).getDeploymentId());

    for (Resource form : forms) {
      String fileName = form.getFilename();
      JsonNode schema;
      try (InputStream in = form.getInputStream()) {
        schema = JSON.readTree(in);
      }
      assertThat(schema.path("id").asText()).as("id of %s", fileName).isEqualTo(fileName.replace(".form", ""));
      assertThat(schema.path("components").isArray()).as("components of %s", fileName).isTrue();
      assertThat(deployed).as("deployed with the processes").contains("forms/" + fileName);
    }
  }

  @ParameterizedTest
  @MethodSource("processes")
  void everyFormRefPointsToAFormDeployedWithTheProcess(Class<?> declaration) throws IOException {
    ProcessDefinition definition = definition(declaration);
    BpmnModelInstance model = model(declaration);
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
    assertThat(formRefs).as("a form for every user task").hasSizeGreaterThanOrEqualTo(
        model.getModelElementsByType(UserTask.class).size());
    assertThat(formIds).containsAll(formRefs);
  }

  @ParameterizedTest
  @MethodSource("processes")
  void everyDecisionIsBoundToTheLatestVersion(Class<?> declaration) {
    for (BusinessRuleTask task : model(declaration).getModelElementsByType(BusinessRuleTask.class)) {
      assertThat(task.getCamundaDecisionRef()).as("decisionRef of %s", task.getId()).isNotBlank();
      assertThat(task.getCamundaDecisionRefBinding()).as("decisionRefBinding of %s", task.getId())
          .isIn(null, "latest");
    }
  }

  @ParameterizedTest
  @MethodSource("processes")
  void everyDelegateExpressionNamesAnExistingBean(Class<?> declaration) {
    BpmnModelInstance model = model(declaration);
    List<String> expressions = new ArrayList<>();
    model.getModelElementsByType(ServiceTask.class).forEach(task -> {
      assertThat(task.getCamundaDelegateExpression()).as("service task %s uses a delegate expression", task.getId())
          .isNotBlank();
      expressions.add(task.getCamundaDelegateExpression());
    });
    model.getModelElementsByType(SendTask.class).forEach(task -> {
      assertThat(task.getCamundaDelegateExpression()).as("send task %s uses a delegate expression", task.getId())
          .isNotBlank();
      expressions.add(task.getCamundaDelegateExpression());
    });
    model.getModelElementsByType(CamundaExecutionListener.class).stream()
        .map(CamundaExecutionListener::getCamundaDelegateExpression).filter(e -> e != null).forEach(expressions::add);
    model.getModelElementsByType(CamundaTaskListener.class).stream()
        .map(CamundaTaskListener::getCamundaDelegateExpression).filter(e -> e != null).forEach(expressions::add);

    for (String expression : expressions) {
      Matcher bean = BEAN_EXPRESSION.matcher(expression);
      assertThat(bean.matches()).as("%s is ${beanName}", expression).isTrue();
      assertThat(applicationContext.containsBean(bean.group(1))).as("bean %s", bean.group(1)).isTrue();
    }
  }

  /** The public static final String fields of a nested declaration class, by qualified field name. */
  private static Map<String, String> constants(Class<?> declaration, String nested) {
    Map<String, String> constants = new LinkedHashMap<>();
    for (Class<?> inner : declaration.getDeclaredClasses()) {
      if (!inner.getSimpleName().equals(nested)) {
        continue;
      }
      for (Field field : inner.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class) {
          try {
            constants.put(nested + "." + field.getName(), (String) field.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return constants;
  }
}
