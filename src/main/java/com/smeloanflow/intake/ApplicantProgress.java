package com.smeloanflow.intake;

import static com.smeloanflow.process.LoanOriginationProcess.Elements.STAGE_ACCEPTANCE;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.STAGE_APPROVAL;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.STAGE_CONTRACT_AND_DISBURSEMENT;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.STAGE_PROCESSING;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.STAGE_VERIFICATION;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_ACCEPT_APPLICATION;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_APPROVE_LOAN;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_CHECK_DISBURSEMENT_CONDITIONS;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_COMMITTEE_VOTE;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_DECIDE_COMMITTEE_RESOLUTION;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_INVESTIGATE_ON_SITE;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_PROVIDE_INFORMATION;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_RECEIVE_DISBURSEMENT_DOCUMENTS;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_RECEIVE_MISSING_DOCUMENTS;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_REVIEW_EXCEPTION;
import static com.smeloanflow.process.LoanOriginationProcess.Elements.TASK_VERIFY_REMOTELY;
import static java.util.Map.entry;

import java.util.Map;

/**
 * What the channel tells the applicant of where the application is ({@code currentStage} and {@code openTasks} of
 * {@code GET /api/applications/{id}}, {@link ApplicationQueryService#viewForApplicant}): texts written for the
 * applicant, by the model's stage and task ids. Staff's task names name the bank's internal steps (复核异常申请 tells of a
 * suspected duplicate, 贷审会委员投票 of a committee and, one task per member, its size), so the channel never reads
 * them. A stage or task without a text of its own reads as {@link #BANK_AT_WORK}: a task added to the model later never
 * shows its staff name to the applicant.
 */
final class ApplicantProgress {

  /** What the applicant reads for a stage or task that has no text of its own. */
  static final String BANK_AT_WORK = "银行处理中";

  private static final Map<String, String> STAGES = Map.of(
      STAGE_ACCEPTANCE, "网点受理",
      STAGE_PROCESSING, "审查中",
      STAGE_VERIFICATION, "核实中",
      STAGE_APPROVAL, "审批中",
      STAGE_CONTRACT_AND_DISBURSEMENT, "签约放款");

  private static final Map<String, String> TASKS = Map.ofEntries(
      entry(TASK_ACCEPT_APPLICATION, "等待网点受理您的申请"),
      entry(TASK_RECEIVE_MISSING_DOCUMENTS, "等待您补充资料"),
      entry(TASK_REVIEW_EXCEPTION, "银行审查中"),
      entry(TASK_VERIFY_REMOTELY, "等待银行远程核实"),
      entry(TASK_INVESTIGATE_ON_SITE, "等待客户经理实地调查"),
      entry(TASK_APPROVE_LOAN, "银行审批中"),
      entry(TASK_COMMITTEE_VOTE, "银行审批中"),
      entry(TASK_DECIDE_COMMITTEE_RESOLUTION, "银行审批中"),
      entry(TASK_PROVIDE_INFORMATION, "银行审批中"),
      entry(TASK_CHECK_DISBURSEMENT_CONDITIONS, "银行放款审核中"),
      entry(TASK_RECEIVE_DISBURSEMENT_DOCUMENTS, "等待您补充放款资料"));

  private ApplicantProgress() {}

  /** The applicant's text for the stage (a subprocess of loan-origination) with this element id. */
  static String stage(String activityId) {
    return STAGES.getOrDefault(activityId, BANK_AT_WORK);
  }

  /** The applicant's text for the open task of this task definition key. */
  static String task(String taskDefinitionKey) {
    return TASKS.getOrDefault(taskDefinitionKey, BANK_AT_WORK);
  }
}
