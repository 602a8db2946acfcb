package com.smeloanflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.smeloanflow.support.AbstractIntegrationTest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The deployed models of servicing and collections against their declaration classes
 * ({@link CollectionProcess}, {@link DailyCloseProcess}): every element id (sequence flows included)
 * and message name the code uses exists with the type its prefix says, every service task and
 * listener names an existing bean, every user task has a deployed Camunda Form.
 */
class ServicingModelsTest extends AbstractIntegrationTest {

  @Autowired ApplicationContext beans;

  static Stream<Arguments> declarations() {
    return Stream.of(
        Arguments.of(CollectionProcess.KEY, CollectionProcess.Elements.class, CollectionProcess.Messages.class),
        Arguments.of(DailyCloseProcess.KEY, DailyCloseProcess.Elements.class, null));
  }

  private BpmnModelInstance deployed(String key) {
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult();
    assertThat(definition).as("deployed %s", key).isNotNull();
    assertThat(definition.getResourceName()).isEqualTo("bpmn/" + key + ".bpmn");
    assertThat(definition.getHistoryTimeToLive()).isNotNull();
    return repositoryService.getBpmnModelInstance(definition.getId());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("declarations")
  void everyDeclaredElementAndMessageExistsInTheDeployedModel(String key, Class<?> elements, Class<?> messages) {
    BpmnModelInstance model = deployed(key);
    List<String> ids = constantsOf(elements);
    assertThat(ids).isNotEmpty();
    for (String id : ids) {
      BaseElement element = model.getModelElementById(id);
      assertThat(element).as("%s in %s", id, key).isNotNull();
      String prefix = id.substring(0, id.indexOf('_') + 1);
      String type = element.getElementType().getTypeName();
      assertThat(prefix.equals("SequenceFlow_") ? element instanceof SequenceFlow
          : prefix.equals("Gateway_") ? type.endsWith("Gateway")
          : type.toLowerCase().startsWith(prefix.substring(0, prefix.length() - 1).toLowerCase())
              || prefix.equals("TimerEvent_") || prefix.equals("MessageEvent_"))
          .as("%s is a %s", id, type).isTrue();
    }
    if (messages != null) {
      List<String> names = model.getModelElementsByType(Message.class).stream().map(Message::getName).toList();
      assertThat(names).containsAll(constantsOf(messages));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("declarations")
  void everyDelegateAndListenerIsABeanAndEveryUserTaskHasADeployedForm(String key, Class<?> elements, Class<?> messages) {
    BpmnModelInstance model = deployed(key);
    List<String> expressions = new ArrayList<>();
    model.getModelElementsByType(ServiceTask.class).forEach(t -> expressions.add(t.getCamundaDelegateExpression()));
    model.getModelElementsByType(CamundaTaskListener.class).forEach(l -> expressions.add(l.getCamundaDelegateExpression()));
    assertThat(expressions).allSatisfy(e -> {
      assertThat(e).matches("\\$\\{[A-Za-z]+}");
      assertThat(beans.containsBean(e.substring(2, e.length() - 1))).as("bean of %s", e).isTrue();
    });
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .singleResult();
    List<String> resources = repositoryService.getDeploymentResourceNames(definition.getDeploymentId());
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
      assertThat(resources).as("form of %s", task.getId()).contains("forms/" + task.getCamundaFormRef() + ".form");
    }
  }

  private static List<String> constantsOf(Class<?> declarations) {
    List<String> values = new ArrayList<>();
    for (Field field : declarations.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && Modifier.isPublic(field.getModifiers()) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return values;
  }
}
