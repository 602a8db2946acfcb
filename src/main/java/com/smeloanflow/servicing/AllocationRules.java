package com.smeloanflow.servicing;

import com.smeloanflow.intake.LoanApplicationRepository;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * The allocation order of a loan, from the decision table {@code bpmn/repayment-allocation.dmn}
 * (deployed with the processes) by the loan's product and guarantee type: a process owner changes the order by editing
 * and deploying the table, without Java. The latest deployed version applies to the next repayment.
 *
 * <p>The guarantee type is the loan application's: a drawdown on a credit line (product REVOLVING_LINE) is a loan of
 * the line's application, so a drawdown of a joint-guaranteed line (联保) is allocated as a 联保贷 loan is, by the
 * table's one joint-guarantee rule. (Approval changes a guarantee type only by adding a guarantor to a credit loan,
 * never a joint guarantee.)
 */
@Component
public class AllocationRules {

  public static final String DECISION_KEY = "repayment-allocation";
  static final String INPUT_PRODUCT = "product";
  static final String INPUT_GUARANTEE_TYPE = "guaranteeType";
  static final String OUTPUT_ORDER = "allocationOrder";
  static final String OUTPUT_SCOPE = "allocationScope";

  private final DecisionService decisions;
  private final LoanApplicationRepository applications;

  public AllocationRules(DecisionService decisions, LoanApplicationRepository applications) {
    this.decisions = decisions;
    this.applications = applications;
  }

  /**
   * The order a repayment of the loan follows: by its product and its application's guarantee type.
   *
   * @throws IllegalStateException when the deployed table gives no rule, or not the five components once each
   */
  public AllocationRule forLoan(LedgerRepository.LockedLoan loan) {
    String product = loan.product();
    String guaranteeType = applications.get(loan.applicationId()).guaranteeType().name();
    String loanKind = product + "/" + guaranteeType;
    DmnDecisionResult result = decisions.evaluateDecisionByKey(DECISION_KEY)
        .variables(Map.of(INPUT_PRODUCT, product, INPUT_GUARANTEE_TYPE, guaranteeType)).evaluate();
    if (result.isEmpty()) {
      throw new IllegalStateException("Decision table " + DECISION_KEY + " has no allocation order for product and guarantee "
          + loanKind + " (loan " + loan.loanId() + ")");
    }
    try {
      return AllocationRule.parse(result.getSingleResult().getEntry(OUTPUT_ORDER),
          result.getSingleResult().getEntry(OUTPUT_SCOPE), DECISION_KEY + "/" + loanKind);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Decision table " + DECISION_KEY + " gives an unusable order for product and guarantee "
          + loanKind + ": " + e.getMessage(), e);
    }
  }
}
