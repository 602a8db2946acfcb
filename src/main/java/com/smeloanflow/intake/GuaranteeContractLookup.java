package com.smeloanflow.intake;

import java.util.List;

/**
 * The guarantee contracts an application's guarantors are to sign (disbursement implements it), for the channel that
 * reports each signature with {@code POST /api/applications/{id}/guarantee-signatures}.
 */
public interface GuaranteeContractLookup {

  /** The application's guarantee contracts not cancelled, in the guarantors' order; empty when it has none. */
  List<ApplicationView.GuaranteeContract> guaranteeContractsOf(String applicationId);
}
