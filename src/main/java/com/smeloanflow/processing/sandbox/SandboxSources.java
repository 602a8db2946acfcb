package com.smeloanflow.processing.sandbox;

import com.smeloanflow.processing.source.BureauRecord;
import com.smeloanflow.processing.source.BusinessRegistrationSource;
import com.smeloanflow.processing.source.CourtRecord;
import com.smeloanflow.processing.source.CourtRecordSource;
import com.smeloanflow.processing.source.CreditBureauSource;
import com.smeloanflow.processing.source.ExternalSource;
import com.smeloanflow.processing.source.IndustryOutlook;
import com.smeloanflow.processing.source.InternalDefaultHistory;
import com.smeloanflow.processing.source.InternalDefaultSource;
import com.smeloanflow.processing.source.RegistrationRecord;
import com.smeloanflow.processing.source.RegistrationStatus;
import com.smeloanflow.processing.source.ScenarioRecord;
import com.smeloanflow.processing.source.ScenarioSource;
import com.smeloanflow.processing.source.SupplyChainRole;
import com.smeloanflow.processing.source.TaxRating;
import com.smeloanflow.processing.source.TaxRecord;
import com.smeloanflow.processing.source.TaxSource;
import com.smeloanflow.processing.source.TransactionFlowRecord;
import com.smeloanflow.processing.source.TransactionFlowSource;
import com.smeloanflow.processing.source.UtilityRecord;
import com.smeloanflow.processing.source.UtilitySource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox implementation of every external-data source, used by default (property
 * {@code smeloan.external-data.provider}, default {@code sandbox}). A real adapter replaces one
 * source by being a {@code @Primary} bean of its interface, or all of them when the property names
 * another provider. The internal default database is the bank's own table in every case; the sandbox
 * only adds its failure injection in front of it.
 */
@Configuration
@ConditionalOnProperty(prefix = "smeloan.external-data", name = "provider", havingValue = "sandbox", matchIfMissing = true)
public class SandboxSources {

  @Bean
  BusinessRegistrationSource sandboxRegistrationSource(SandboxEnterpriseService sandbox) {
    return code -> sandbox.answer(ExternalSource.REGISTRATION, code, p -> new RegistrationRecord(
        p.registration().name(), p.registration().establishedOn(),
        RegistrationStatus.valueOf(p.registration().status()), p.registration().industryCode()),
        RegistrationRecord::noData);
  }

  @Bean
  TaxSource sandboxTaxSource(SandboxEnterpriseService sandbox) {
    return code -> sandbox.answer(ExternalSource.TAX, code, p -> new TaxRecord(
        TaxRating.valueOf(p.tax().rating()), p.tax().annualSales(), p.tax().overdueFilings()),
        TaxRecord::noData);
  }

  @Bean
  CreditBureauSource sandboxCreditBureauSource(SandboxEnterpriseService sandbox) {
    return code -> sandbox.answer(ExternalSource.BUREAU, code, p -> new BureauRecord(
        p.bureau().currentOverdueAmount(), p.bureau().maxDpd24m(), p.bureau().outstandingLoans(),
        p.bureau().enquiriesLast3m()),
        BureauRecord::noData);
  }

  @Bean
  CourtRecordSource sandboxCourtRecordSource(SandboxEnterpriseService sandbox) {
    return code -> sandbox.answer(ExternalSource.COURT, code, p -> new CourtRecord(
        p.court().openEnforcementCases(), p.court().dishonestDebtor()),
        CourtRecord::noData);
  }

  @Bean
  UtilitySource sandboxUtilitySource(SandboxEnterpriseService sandbox) {
    return code -> sandbox.answer(ExternalSource.UTILITIES, code, p -> new UtilityRecord(
        p.utilities().monthsOfHistory(), p.utilities().latePaymentsLast24m()),
        UtilityRecord::noData);
  }

  @Bean
  TransactionFlowSource sandboxTransactionFlowSource(SandboxEnterpriseService sandbox) {
    return code -> sandbox.answer(ExternalSource.FLOWS, code, p -> new TransactionFlowRecord(
        p.flows().monthlyInflows(), p.flows().monthlyOutflows()),
        TransactionFlowRecord::noData);
  }

  @Bean
  InternalDefaultSource sandboxInternalDefaultSource(SandboxEnterpriseService sandbox) {
    return code -> sandbox.answer(ExternalSource.INTERNAL_DEFAULTS, code,
        p -> new InternalDefaultHistory(sandbox.internalDefaultsOf(code)),
        InternalDefaultHistory::noData);
  }

  @Bean
  ScenarioSource sandboxScenarioSource(SandboxEnterpriseService sandbox) {
    return code -> sandbox.answer(ExternalSource.SCENARIO, code, p -> new ScenarioRecord(
        IndustryOutlook.valueOf(p.scenario().industryOutlook()), SupplyChainRole.valueOf(p.scenario().supplyChainRole())),
        ScenarioRecord::noData);
  }
}
