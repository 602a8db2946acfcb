package com.smeloanflow.processing.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four tables inside a process engine configured like the application (history full,
 * historyTimeToLive enforced, JSON instead of Java serialization): they deploy, a BigDecimal
 * amount stored as a process variable routes at the 5,000,000 boundary, and the history records
 * the rule that fired, which is how the application can store it with the decision.
 */
class DecisionTablesInProcessEngineTest {

  private static final List<String> DECISIONS =
      List.of("product-eligibility", "approval-authority", "remote-verification-required", "loan-pricing", "collateral-ltv");

  private static ProcessEngine engine;

  @BeforeAll
  static void startEngineAndDeployTables() {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("decision-tables-test");
    configuration.setJdbcUrl("jdbc:h2:mem:decisions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    configuration.setHistory("full");
    configuration.setEnforceHistoryTimeToLive(true);
    configuration.setJavaSerializationFormatEnabled(false);
    configuration.setDefaultSerializationFormat("application/json");
    configuration.setJobExecutorActivate(false);
    configuration.setDbMetricsReporterActivate(false);
    configuration.setCmmnEnabled(false);
    configuration.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
    engine = configuration.buildProcessEngine();

    var deployment = engine.getRepositoryService().createDeployment().name("decision-tables");
    DECISIONS.forEach(key -> deployment.addClasspathResource("bpmn/" + key + ".dmn"));
    deployment.deploy();
  }

  @AfterAll
  static void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void deploysEveryTableWithItsHistoryTimeToLive() {
    List<DecisionDefinition> definitions = engine.getRepositoryService().createDecisionDefinitionQuery().list();

    assertThat(definitions).extracting(DecisionDefinition::getKey).containsExactlyInAnyOrderElementsOf(DECISIONS);
    assertThat(definitions).extracting(DecisionDefinition::getHistoryTimeToLive).containsOnly(180);
  }

  @Test
  void routesBigDecimalVariableAtUnitAuthorityAndRecordsTheRuleThatFired() {
    DmnDecisionResult single = evaluateAuthority(new BigDecimal("5000000.00"));
    DmnDecisionResult committee = evaluateAuthority(new BigDecimal("5000000.01"));

    assertThat(single.getSingleResult().<String>getEntry("approvalRoute")).isEqualTo("SINGLE");
    assertThat(committee.getSingleResult().<String>getEntry("approvalRoute")).isEqualTo("COMMITTEE");

    List<HistoricDecisionInstance> history = engine.getHistoryService().createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey("approval-authority").includeOutputs().orderByEvaluationTime().asc().list();
    assertThat(history).hasSize(2);
    assertThat(history.get(0).getOutputs()).extracting(HistoricDecisionOutputInstance::getRuleId)
        .containsOnly("Rule_SingleWithinUnitAuthority");
    assertThat(history.get(1).getOutputs()).extracting(HistoricDecisionOutputInstance::getRuleId)
        .containsOnly("Rule_CommitteeAboveUnitAuthority");
    assertThat(history.get(1).getOutputs())
        .filteredOn(output -> output.getVariableName().equals("routeReason"))
        .extracting(HistoricDecisionOutputInstance::getValue)
        .containsExactly("授信敞口超过500万元, 超出专营机构审批权限, 提交贷审会审议");
  }

  /** The facts as the process gives them: one transient map variable the tables read as facts.*. */
  private static DmnDecisionResult evaluateAuthority(BigDecimal exposure) {
    java.util.Map<String, Object> facts = new java.util.HashMap<>();
    facts.put("eligible", true);
    facts.put("hardRedFlag", false);
    facts.put("redFlag", false);
    facts.put("grade", "A");
    facts.put("guaranteeType", "MORTGAGE");
    facts.put("requestedAmount", exposure);
    facts.put("suggestedLimit", new BigDecimal("9000000.00"));
    facts.put("borrowerExposure", exposure);
    facts.put("exceptionReviewed", false);
    return engine.getDecisionService().evaluateDecisionByKey("approval-authority")
        .variables(Variables.createVariables().putValue("facts", Variables.objectValue(facts, true).create()))
        .evaluate();
  }

  @Test
  void sumsTheSpreadOfThreeRulesInsideTheEngine() {
    DmnDecisionResult result = engine.getDecisionService().evaluateDecisionByKey("loan-pricing")
        .variables(Variables.createVariables().putValue("facts",
            Variables.objectValue(java.util.Map.of("grade", "A", "guaranteeType", "CREDIT", "industryCode", "C34"), true).create()))
        .evaluate();

    assertThat(BigDecimal.valueOf(result.getSingleResult().<Double>getSingleEntry()))
        .isEqualByComparingTo("0.80");
  }
}
