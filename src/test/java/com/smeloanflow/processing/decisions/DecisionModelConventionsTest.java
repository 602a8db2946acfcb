package com.smeloanflow.processing.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The decision tables of {@code bpmn/} follow STYLE.md "Models": DMN 1.3 for Camunda 7.24, decision
 * id = file name, {@code historyTimeToLive}, meaningful ids and Chinese labels on inputs, outputs and
 * rules, a typeRef on every clause, an annotation per rule, and DMN DI so Modeler opens them.
 */
class DecisionModelConventionsTest {

  private static final String DMN_13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
  private static final String DMNDI_13 = "https://www.omg.org/spec/DMN/20191111/DMNDI/";
  private static final String MODELER = "http://camunda.org/schema/modeler/1.0";
  private static final Set<String> CAMUNDA_7_TYPES = Set.of("string", "boolean", "integer", "long", "double", "date");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"product-eligibility", "approval-authority", "remote-verification-required", "loan-pricing", "collateral-ltv",
      "renewal-eligibility", "collection-strategy", "repayment-allocation", "risk-classification", "warning-signal-severity",
      "credit-line-review", "disposal-approval-authority"})
  void followsTheModelConventions(String decisionKey) throws Exception {
    DmnModelInstance model;
    try (InputStream stream = DecisionTableTester.open(decisionKey)) {
      model = Dmn.readModelFromStream(stream); // validates against the DMN 1.3 schema
    }
    Definitions definitions = model.getDefinitions();
    assertThat(definitions.getDomElement().getNamespaceURI()).isEqualTo(DMN_13);
    assertThat(definitions.getDomElement().getAttribute(MODELER, "executionPlatform")).isEqualTo("Camunda Platform");
    assertThat(definitions.getDomElement().getAttribute(MODELER, "executionPlatformVersion")).isEqualTo("7.24.0");

    Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
    assertThat(decisions).hasSize(1);
    Decision decision = decisions.iterator().next();
    assertThat(decision.getId()).isEqualTo(decisionKey);
    assertThat(decision.getName()).isNotBlank();
    assertThat(decision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    assertThat(decision.getDescription()).as("documentation of %s", decisionKey).isNotNull();
    assertThat(decision.getDescription().getTextContent()).isNotBlank();

    DecisionTable table = (DecisionTable) decision.getExpression();
    Set<String> clauseIds = new HashSet<>();
    for (Input input : table.getInputs()) {
      assertThat(input.getId()).startsWith("InputClause_");
      assertThat(input.getLabel()).as("label of %s", input.getId()).isNotBlank();
      assertThat(input.getInputExpression().getTypeRef()).as("typeRef of %s", input.getId()).isIn(CAMUNDA_7_TYPES);
      assertThat(input.getInputExpression().getText().getTextContent()).isNotBlank();
      assertThat(clauseIds.add(input.getId())).isTrue();
    }
    for (Output output : table.getOutputs()) {
      assertThat(output.getId()).startsWith("OutputClause_");
      assertThat(output.getLabel()).as("label of %s", output.getId()).isNotBlank();
      assertThat(output.getName()).as("name of %s", output.getId()).isNotBlank();
      assertThat(output.getTypeRef()).as("typeRef of %s", output.getId()).isIn(CAMUNDA_7_TYPES);
    }
    assertThat(table.getRules()).isNotEmpty();
    for (Rule rule : table.getRules()) {
      assertThat(rule.getId()).matches("Rule_[A-Z][A-Za-z]+").doesNotMatch(".*_[0-9a-z]{7}$");
      assertThat(rule.getDescription()).as("annotation of %s", rule.getId()).isNotNull();
      assertThat(rule.getDescription().getTextContent()).as("annotation of %s", rule.getId())
          .contains(" / ") // Chinese, then English
          .matches("(?s).*\\p{IsHan}.*");
    }

    assertThat(shapesOf(decisionKey)).containsExactly(decisionKey);
  }

  /** The decisions the DMN DI draws (Modeler opens a DMN file only with its diagram). */
  private static List<String> shapesOf(String decisionKey) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document;
    try (InputStream stream = DecisionTableTester.open(decisionKey)) {
      document = factory.newDocumentBuilder().parse(stream);
    }
    assertThat(document.getElementsByTagNameNS(DMNDI_13, "DMNDiagram").getLength()).isEqualTo(1);
    NodeList shapes = document.getElementsByTagNameNS(DMNDI_13, "DMNShape");
    return IntStream.range(0, shapes.getLength())
        .mapToObj(i -> ((Element) shapes.item(i)).getAttribute("dmnElementRef"))
        .toList();
  }
}
