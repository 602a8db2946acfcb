package com.smeloanflow.processing.sandbox;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The external data a tester registers for an enterprise in the sandbox ({@code PUT
 * /api/sandbox/enterprises/{creditCode}}), section by section as the outside sources would answer.
 * An omitted section is filled with the enterprise's derived default; a given section must be
 * complete. Enumerations arrive as strings so that an unknown value is reported as a bad field.
 *
 * @param internalDefaults the enterprise's defaults in the bank's own default database; replaces
 *     what the database held for it (omitted: none)
 * @param sandbox how the sandbox sources misbehave for this enterprise (omitted: they answer)
 */
@Schema(description = "External data of one enterprise in the sandbox")
public record SandboxProfile(
    Registration registration,
    Tax tax,
    Bureau bureau,
    Court court,
    Flows flows,
    Utilities utilities,
    Scenario scenario,
    List<InternalDefaultEntry> internalDefaults,
    Settings sandbox) {

  /** Business registry. */
  public record Registration(
      @Schema(example = "遵义市汇川区明达机械加工有限公司") String name,
      @Schema(example = "2016-04-18") LocalDate establishedOn,
      @Schema(example = "ACTIVE", allowableValues = {"ACTIVE", "REVOKED", "DEREGISTERED"}) String status,
      @Schema(example = "C34") String industryCode) {}

  /** Tax authority. */
  public record Tax(
      @Schema(example = "A", allowableValues = {"A", "B", "M", "C", "D"}) String rating,
      @Schema(example = "6500000.00") BigDecimal annualSales,
      @Schema(example = "0") @JsonDeserialize(using = StrictIntegerDeserializer.class) Integer overdueFilings) {}

  /** Credit bureau. */
  public record Bureau(
      @Schema(example = "0.00") BigDecimal currentOverdueAmount,
      @Schema(example = "0") @JsonDeserialize(using = StrictIntegerDeserializer.class) Integer maxDpd24m,
      @Schema(example = "1") @JsonDeserialize(using = StrictIntegerDeserializer.class) Integer outstandingLoans,
      @Schema(example = "1") @JsonDeserialize(using = StrictIntegerDeserializer.class) Integer enquiriesLast3m) {}

  /** Courts: enforcement cases and the dishonest-debtor list. */
  public record Court(
      @Schema(example = "0") @JsonDeserialize(using = StrictIntegerDeserializer.class) Integer openEnforcementCases,
      @Schema(example = "false") Boolean dishonestDebtor) {}

  /** Settlement account flows: exactly 12 months each, oldest first, CNY. */
  public record Flows(List<BigDecimal> monthlyInflows, List<BigDecimal> monthlyOutflows) {}

  /** Water, power and gas billing. */
  public record Utilities(
      @Schema(example = "60") @JsonDeserialize(using = StrictIntegerDeserializer.class) Integer monthsOfHistory,
      @Schema(example = "0") @JsonDeserialize(using = StrictIntegerDeserializer.class) Integer latePaymentsLast24m) {}

  /** The bank's industry policy and supply chains. */
  public record Scenario(
      @Schema(example = "STABLE", allowableValues = {"GROWING", "STABLE", "DECLINING"}) String industryOutlook,
      @Schema(example = "TIER1", allowableValues = {"CORE", "TIER1", "TIER2", "NONE"}) String supplyChainRole) {}

  /** One default with this bank. */
  public record InternalDefaultEntry(
      @Schema(example = "2019-06-30") LocalDate defaultDate,
      @Schema(example = "50000.00") BigDecimal amount,
      @Schema(example = "SETTLED", allowableValues = {"OUTSTANDING", "SETTLED", "WRITTEN_OFF"}) String status) {}

  /**
   * How the sandbox sources misbehave for this enterprise, so that retries and incidents can be
   * shown.
   *
   * @param failingSources sources that fail (REGISTRATION, TAX, BUREAU, COURT, UTILITIES, FLOWS,
   *     INTERNAL_DEFAULTS, SCENARIO)
   * @param failuresBeforeSuccess each failing source fails this many calls, then answers; omitted:
   *     it keeps failing (a lasting failure, which becomes an incident)
   * @param failureMode UNAVAILABLE (fails at once, the default) or TIMEOUT (waits
   *     {@code timeoutMillis}, then fails as a timed-out call)
   * @param timeoutMillis for TIMEOUT: 0–30000, default 2000
   * @param noDataSources sources that answer, but have no data about the enterprise
   */
  public record Settings(
      List<String> failingSources,
      @JsonDeserialize(using = StrictIntegerDeserializer.class) Integer failuresBeforeSuccess,
      @Schema(allowableValues = {"UNAVAILABLE", "TIMEOUT"}) String failureMode,
      @JsonDeserialize(using = StrictIntegerDeserializer.class) Integer timeoutMillis,
      List<String> noDataSources) {

    public static final int DEFAULT_TIMEOUT_MILLIS = 2000;
    public static final int MAX_TIMEOUT_MILLIS = 30000;
  }

  /** How a failing sandbox source fails. */
  public enum FailureMode {
    UNAVAILABLE, TIMEOUT
  }
}
