package com.smeloanflow.renewal;

import static com.smeloanflow.process.LoanRenewalProcess.Variables.COMMITTEE_SIZE;

import com.smeloanflow.platform.FormValuesListener;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The create listeners of renewal's tasks that set a form's read-only texts, under the names the models use. */
@Configuration
public class RenewalFormListeners {

  /** The task-local values {@link #renewalCommitteeSummary} sets. */
  public static final List<String> RENEWAL_COMMITTEE_VALUES = List.of("renewalCommitteeTallyText",
      "renewalCommitteeVotesText", "renewalCommitteeAskText");

  /**
   * 签发续贷贷审会决议: the tally, each member's vote and what is asked of the chair
   * ({@link RenewalCommitteeService#chairsView}, for the instance's committee size), as read-only task-local values.
   */
  @Bean
  FormValuesListener renewalCommitteeSummary(RenewalCommitteeService committee) {
    return FormValuesListener.byBusinessKeyAndTask((loanId, task) -> committee.chairsView(loanId, COMMITTEE_SIZE.from(task)));
  }
}
