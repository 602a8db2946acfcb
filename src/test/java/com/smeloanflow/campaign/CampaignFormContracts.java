package com.smeloanflow.campaign;

import com.smeloanflow.model.FormContract;
import java.util.List;

/**
 * The campaign forms' contracts, from the campaign code: the import start form's two fields, the report
 * the review form shows, and the contact form's fields and the prospect it shows.
 */
public final class CampaignFormContracts {

  private CampaignFormContracts() {}

  public static List<FormContract> all() {
    return List.of(
        FormContract.of("import-whitelist", List.of(WhitelistImportListener.NAME_FIELD, WhitelistImportListener.CSV_FIELD), List.of()),
        FormContract.of("review-import-report", List.of(), ImportReportTaskListener.FORM_VALUES),
        FormContract.of("contact-prospect", ContactForm.inputs(), ProspectSummaryListener.FORM_VALUES));
  }
}
