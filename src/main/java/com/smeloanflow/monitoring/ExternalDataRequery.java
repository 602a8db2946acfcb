package com.smeloanflow.monitoring;

import com.smeloanflow.processing.ExternalSourceUnavailableException;
import com.smeloanflow.processing.source.BureauRecord;
import com.smeloanflow.processing.source.BusinessRegistrationSource;
import com.smeloanflow.processing.source.CourtRecord;
import com.smeloanflow.processing.source.CourtRecordSource;
import com.smeloanflow.processing.source.CreditBureauSource;
import com.smeloanflow.processing.source.ExternalSource;
import com.smeloanflow.processing.source.RegistrationRecord;
import com.smeloanflow.processing.source.TaxRecord;
import com.smeloanflow.processing.source.TaxSource;
import com.smeloanflow.processing.source.TransactionFlowRecord;
import com.smeloanflow.processing.source.TransactionFlowSource;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Asks processing's external sources again about a borrower, for the signals: registration, tax, the
 * bureau, the courts and the account flows (the sandbox in the demo and tests). Nothing is stored
 * here; a source that fails throws {@link ExternalSourceUnavailableException}, so the re-query's job
 * is retried and ends as an incident when the source stays down.
 */
@Component
public class ExternalDataRequery {

  private final BusinessRegistrationSource registration;
  private final TaxSource tax;
  private final CreditBureauSource bureau;
  private final CourtRecordSource court;
  private final TransactionFlowSource flows;

  public ExternalDataRequery(BusinessRegistrationSource registration, TaxSource tax, CreditBureauSource bureau,
      CourtRecordSource court, TransactionFlowSource flows) {
    this.registration = registration;
    this.tax = tax;
    this.bureau = bureau;
    this.court = court;
    this.flows = flows;
  }

  /** @throws ExternalSourceUnavailableException when a source fails */
  public ExternalBaseline query(String creditCode) {
    return ExternalBaseline.of(
        ask(ExternalSource.REGISTRATION, creditCode, registration::fetch, RegistrationRecord::noData),
        ask(ExternalSource.TAX, creditCode, tax::fetch, TaxRecord::noData),
        ask(ExternalSource.BUREAU, creditCode, bureau::fetch, BureauRecord::noData),
        ask(ExternalSource.COURT, creditCode, court::fetch, CourtRecord::noData),
        ask(ExternalSource.FLOWS, creditCode, flows::fetch, TransactionFlowRecord::noData));
  }

  private static <T> T ask(ExternalSource source, String creditCode, Function<String, T> fetch, Supplier<T> nothing) {
    try {
      T answer = fetch.apply(creditCode);
      return answer == null ? nothing.get() : answer;
    } catch (ExternalSourceUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ExternalSourceUnavailableException(source, creditCode, "re-query for post-loan monitoring", e);
    }
  }
}
