package com.smeloanflow.approval;

import static com.smeloanflow.process.LoanOriginationProcess.Variables.COMMITTEE_SIZE;

import com.smeloanflow.platform.FormValuesListener;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The create listeners of approval's tasks that set a form's read-only texts, under the names the models use. */
@Configuration
public class ApprovalFormListeners {

  /** The task-local values {@link #approvalTextSummary} sets. */
  public static final List<String> APPROVAL_TEXT_VALUES = List.of(ApprovalSummary.APPROVAL_TEXT);
  /** The task-local values {@link #returnQuestionSummary} sets. */
  public static final List<String> RETURN_QUESTION_VALUES = List.of(ApprovalSummary.RETURN_QUESTION_TEXT);
  /** The task-local values {@link #committeeResolutionSummary} sets. */
  public static final List<String> COMMITTEE_RESOLUTION_VALUES = List.of("committeeVotesText", "committeeTallyText",
      "committeeAskText");

  /**
   * 审核放款条件: what was approved ({@link ApprovalSummary#approvalText}), as a read-only task-local value; no other
   * task's form shows it.
   */
  @Bean
  FormValuesListener approvalTextSummary(ApprovalSummary summary) {
    return FormValuesListener.byBusinessKey(summary::approvalText);
  }

  /**
   * 补充审批所需信息: the question the approver or the chair returned the application with
   * ({@link ApprovalSummary#returnQuestionText}), as a read-only task-local value; no other task's form shows it.
   */
  @Bean
  FormValuesListener returnQuestionSummary(ApprovalSummary summary) {
    return FormValuesListener.byBusinessKey(summary::returnQuestionText);
  }

  /**
   * 签发贷审会决议: the tally, each member's vote and what is asked of the chair ({@link CommitteeService#chairsView}, for
   * the instance's committee size), as read-only task-local values; no other task's form shows them.
   */
  @Bean
  FormValuesListener committeeResolutionSummary(CommitteeService committee) {
    return FormValuesListener.byBusinessKeyAndTask(
        (applicationId, task) -> committee.chairsView(applicationId, COMMITTEE_SIZE.from(task)));
  }
}
