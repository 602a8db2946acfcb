package com.smeloanflow.accountability;

import com.smeloanflow.platform.FormValuesListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The create listeners of accountability's tasks that set a form's read-only texts, under the names the models use. */
@Configuration
public class AccountabilityFormListeners {

  /**
   * 尽职免责认定: the loan, what each officer saw when they decided and the exemption criteria as assessed now (kept as
   * the criteria the review was opened under), as read-only task-local values ({@link DueDiligenceReviewService#opening},
   * the names in {@link DueDiligenceReviewService#FORM_VALUES}).
   */
  @Bean
  FormValuesListener dueDiligenceSummary(DueDiligenceReviewService reviews) {
    return FormValuesListener.byBusinessKey(reviews::opening);
  }
}
