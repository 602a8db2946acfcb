package com.smeloanflow.creditline;

import com.smeloanflow.model.FormContract;
import java.util.ArrayList;
import java.util.List;

/** The form of the annual review (年审额度): what it writes and what it may show. */
public final class CreditLineFormContracts {

  private CreditLineFormContracts() {}

  public static List<FormContract> all() {
    List<String> readable = new ArrayList<>(CreditLineReviewSummaryListener.FORM_VALUES);
    readable.add(CreditLineReviewTaskListener.OUTCOME); // the conditional of the reduced limit reads the chosen outcome
    return List.of(FormContract.of("review-credit-line", List.of(CreditLineReviewTaskListener.OUTCOME,
        CreditLineReviewTaskListener.LIMIT, CreditLineReviewTaskListener.REASON), readable));
  }
}
