package com.smeloanflow.processing;

import com.smeloanflow.processing.source.BureauRecord;
import com.smeloanflow.processing.source.CourtRecord;
import com.smeloanflow.processing.source.ExternalSource;
import com.smeloanflow.processing.source.InternalDefaultHistory;
import com.smeloanflow.processing.source.RegistrationRecord;
import com.smeloanflow.processing.source.ScenarioRecord;
import com.smeloanflow.processing.source.TaxRecord;
import com.smeloanflow.processing.source.TransactionFlowRecord;
import com.smeloanflow.processing.source.UtilityRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the external sources said about an enterprise when the processing centre gathered its
 * data for an application: the snapshot the score is computed from and kept with the application,
 * so a decision can be explained later with the data it was made on.
 */
public record EnterpriseData(
    String creditCode,
    Instant gatheredAt,
    RegistrationRecord registration,
    TaxRecord tax,
    BureauRecord bureau,
    CourtRecord court,
    UtilityRecord utilities,
    TransactionFlowRecord flows,
    InternalDefaultHistory internalDefaults,
    ScenarioRecord scenario) {

  /** The sources that returned no data (or, for flows, fewer than 12 months). */
  public List<ExternalSource> sourcesWithoutData() {
    List<ExternalSource> missing = new ArrayList<>();
    if (registration.status() == null) {
      missing.add(ExternalSource.REGISTRATION);
    }
    if (tax.rating() == null) {
      missing.add(ExternalSource.TAX);
    }
    if (bureau.maxDpd24m() == null) {
      missing.add(ExternalSource.BUREAU);
    }
    if (court.dishonestDebtor() == null) {
      missing.add(ExternalSource.COURT);
    }
    if (utilities.monthsOfHistory() == null) {
      missing.add(ExternalSource.UTILITIES);
    }
    if (flows.monthlyInflows().size() < 12) {
      missing.add(ExternalSource.FLOWS);
    }
    if (internalDefaults.defaults() == null) {
      missing.add(ExternalSource.INTERNAL_DEFAULTS);
    }
    if (scenario.industryOutlook() == null) {
      missing.add(ExternalSource.SCENARIO);
    }
    return missing;
  }
}
