package com.smeloanflow.processing;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.processing.source.BureauRecord;
import com.smeloanflow.processing.source.BusinessRegistrationSource;
import com.smeloanflow.processing.source.CourtRecord;
import com.smeloanflow.processing.source.CourtRecordSource;
import com.smeloanflow.processing.source.CreditBureauSource;
import com.smeloanflow.processing.source.ExternalSource;
import com.smeloanflow.processing.source.InternalDefaultHistory;
import com.smeloanflow.processing.source.InternalDefaultSource;
import com.smeloanflow.processing.source.RegistrationRecord;
import com.smeloanflow.processing.source.ScenarioRecord;
import com.smeloanflow.processing.source.ScenarioSource;
import com.smeloanflow.processing.source.TaxRecord;
import com.smeloanflow.processing.source.TaxSource;
import com.smeloanflow.processing.source.TransactionFlowRecord;
import com.smeloanflow.processing.source.TransactionFlowSource;
import com.smeloanflow.processing.source.UtilityRecord;
import com.smeloanflow.processing.source.UtilitySource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The external-data gateway of centralised processing (DESIGN.md §3.1 step 3, §7): asks every
 * outside source about the applicant enterprise, and the courts and the bureau about each guarantor,
 * and keeps a snapshot of the answers with the application ({@code application_external_data},
 * {@code guarantor_check}). The score is computed from that snapshot, never
 * from a fresh call, so it can be recomputed and explained later.
 *
 * <p>A source that fails throws {@link ExternalSourceUnavailableException}: nothing is stored, the
 * job is retried with back-off and ends as an incident when the source stays down.
 */
@Service
public class ExternalDataService {

  private static final Logger log = LoggerFactory.getLogger(ExternalDataService.class);

  private final LoanApplicationRepository applications;
  private final EnterpriseDataRepository snapshots;
  private final ApplicationHistory history;
  private final BusinessClock clock;
  private final BusinessRegistrationSource registration;
  private final TaxSource tax;
  private final CreditBureauSource bureau;
  private final CourtRecordSource court;
  private final UtilitySource utilities;
  private final TransactionFlowSource flows;
  private final InternalDefaultSource internalDefaults;
  private final ScenarioSource scenario;
  private final GuarantorChecks guarantorChecks;
  private final ProcessingOutcomes outcomes;

  public ExternalDataService(LoanApplicationRepository applications, EnterpriseDataRepository snapshots,
      ApplicationHistory history, BusinessClock clock, BusinessRegistrationSource registration, TaxSource tax,
      CreditBureauSource bureau, CourtRecordSource court, UtilitySource utilities, TransactionFlowSource flows,
      InternalDefaultSource internalDefaults, ScenarioSource scenario, GuarantorChecks guarantorChecks,
      ProcessingOutcomes outcomes) {
    this.guarantorChecks = guarantorChecks;
    this.outcomes = outcomes;
    this.applications = applications;
    this.snapshots = snapshots;
    this.history = history;
    this.clock = clock;
    this.registration = registration;
    this.tax = tax;
    this.bureau = bureau;
    this.court = court;
    this.utilities = utilities;
    this.flows = flows;
    this.internalDefaults = internalDefaults;
    this.scenario = scenario;
  }

  /**
   * Gathers the external data of the application's enterprise from every source and stores it as the
   * application's snapshot, replacing an earlier one.
   *
   * @throws com.smeloanflow.intake.ApplicationNotFoundException when there is no such application
   * @throws ExternalSourceUnavailableException when a source fails; nothing is stored
   */
  @Transactional
  public EnterpriseData gather(String applicationId) {
    LoanApplication application = applications.get(applicationId);
    EnterpriseData data = query(application.creditCode());
    snapshots.save(applicationId, data);
    outcomes.start(applicationId, CreditFactsService.asOf(data));
    for (com.smeloanflow.intake.Guarantor guarantor : applications.guarantorsOf(applicationId)) {
      // The courts and the bureau answer for persons by resident ID number as for enterprises by credit code.
      String party = guarantor.partyId();
      guarantorChecks.save(applicationId, guarantor, call(ExternalSource.COURT, party, court::fetch, CourtRecord::noData),
          call(ExternalSource.BUREAU, party, bureau::fetch, BureauRecord::noData), data.gatheredAt());
    }
    List<ExternalSource> missing = data.sourcesWithoutData();
    history.record(applicationId, "system", "EXTERNAL_DATA_GATHERED", missing.isEmpty()
        ? "外部数据已采集, 数据完整"
        : "外部数据已采集, 缺少: " + missing.stream().map(ExternalSource::label).collect(Collectors.joining("、")));
    return data;
  }

  /**
   * Asks every source about an enterprise now and answers what they said, storing nothing: e.g. renewal's fresh
   * score of a borrower whose loan is near maturity, or the annual review of a credit line.
   *
   * @throws ExternalSourceUnavailableException when a source fails
   */
  public EnterpriseData query(String code) {
    return new EnterpriseData(code, clock.now(),
        call(ExternalSource.REGISTRATION, code, registration::fetch, RegistrationRecord::noData),
        call(ExternalSource.TAX, code, tax::fetch, TaxRecord::noData),
        call(ExternalSource.BUREAU, code, bureau::fetch, BureauRecord::noData),
        call(ExternalSource.COURT, code, court::fetch, CourtRecord::noData),
        call(ExternalSource.UTILITIES, code, utilities::fetch, UtilityRecord::noData),
        call(ExternalSource.FLOWS, code, flows::fetch, TransactionFlowRecord::noData),
        call(ExternalSource.INTERNAL_DEFAULTS, code, internalDefaults::fetch, InternalDefaultHistory::noData),
        call(ExternalSource.SCENARIO, code, scenario::fetch, ScenarioRecord::noData));
  }

  /**
   * Asks the courts and the bureau about a guarantor (a person by resident ID number, an enterprise by
   * credit code) now, e.g. one an approver adds as a condition.
   *
   * @throws ExternalSourceUnavailableException when a source fails
   */
  public List<GuarantorChecks.Finding> screenGuarantor(String partyId) {
    return GuarantorChecks.findings(call(ExternalSource.COURT, partyId, court::fetch, CourtRecord::noData),
        call(ExternalSource.BUREAU, partyId, bureau::fetch, BureauRecord::noData));
  }

  /**
   * The snapshot gathered for the application.
   *
   * @throws IllegalStateException when no data has been gathered for it yet
   */
  public EnterpriseData snapshot(String applicationId) {
    return findSnapshot(applicationId).orElseThrow(() -> new IllegalStateException(
        "No external data has been gathered for application " + applicationId));
  }

  public Optional<EnterpriseData> findSnapshot(String applicationId) {
    return snapshots.find(applicationId);
  }

  /** Calls one source; a null answer counts as "no data", any failure names the source. */
  private static <T> T call(ExternalSource source, String creditCode, Function<String, T> fetch, Supplier<T> noData) {
    T answer;
    try {
      answer = fetch.apply(creditCode);
    } catch (ExternalSourceUnavailableException e) {
      log.warn("External source {} failed for credit code {}: {}", source, creditCode, e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      log.warn("External source {} failed for credit code {}", source, creditCode, e);
      throw new ExternalSourceUnavailableException(source, creditCode, e.getMessage(), e);
    }
    return answer == null ? noData.get() : answer;
  }
}
