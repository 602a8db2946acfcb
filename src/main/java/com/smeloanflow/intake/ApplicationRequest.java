package com.smeloanflow.intake;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A loan application as a channel submits it (DESIGN.md §6). Enumerations arrive as strings so
 * that an unknown value is reported as a bad field, like any other.
 */
@Schema(description = "A loan application from a channel")
public record ApplicationRequest(
    @Schema(example = "BRANCH_COUNTER", allowableValues = {"MOBILE_APP", "MINI_PROGRAM", "BRANCH_COUNTER", "CUSTOMER_MANAGER_PAD", "WHITELIST"})
    String channel,
    @Schema(example = "ZY001") String branchCode,
    @Schema(example = "MORTGAGE_QUICK", allowableValues = {"CREDIT_QUICK", "MORTGAGE_QUICK", "JOINT_GUARANTEE", "GROWTH", "REVOLVING_LINE"})
    String product,
    Enterprise enterprise,
    LegalRepresentative legalRepresentative,
    @Schema(example = "800000.00", description = "CNY, at most 2 decimals") BigDecimal requestedAmount,
    @Schema(example = "36") Integer termMonths,
    @Schema(example = "购置生产设备") String purpose,
    @Schema(example = "MORTGAGE", allowableValues = {"CREDIT", "MORTGAGE", "GUARANTEE", "JOINT_GUARANTEE"})
    String guaranteeType,
    Collateral collateral,
    @Schema(description = "Guarantors: at least one for GUARANTEE, at least two enterprises of the joint-guarantee group for JOINT_GUARANTEE; none otherwise")
    java.util.List<GuarantorRequest> guarantors) {

  /** The same application without guarantors (what CREDIT and MORTGAGE applications send). */
  public ApplicationRequest(String channel, String branchCode, String product, Enterprise enterprise,
      LegalRepresentative legalRepresentative, BigDecimal requestedAmount, Integer termMonths, String purpose,
      String guaranteeType, Collateral collateral) {
    this(channel, branchCode, product, enterprise, legalRepresentative, requestedAmount, termMonths, purpose, guaranteeType,
        collateral, null);
  }

  public record Enterprise(
      @Schema(example = "遵义市汇川区明达机械加工有限公司") String name,
      @Schema(example = "91520303MA6DKQ8X4A", description = "18-character unified social credit code (GB 32100)") String creditCode,
      @Schema(example = "C34", description = "industry classification code (GB/T 4754)") String industryCode,
      @Schema(example = "2016-04-18") LocalDate establishedOn,
      @Schema(example = "6500000.00") BigDecimal annualRevenue) {}

  public record LegalRepresentative(
      @Schema(example = "张明") String name,
      @Schema(example = "52030219850714321X", description = "18-digit resident ID number (GB 11643); its birth date must"
          + " make the legal representative 18 or older (422 UNDER_AGE otherwise)") String idNumber,
      @Schema(example = "13985012345") String mobile,
      @Schema(example = "zhangming@example.com") String email) {}

  public record Collateral(
      @Schema(example = "INDUSTRIAL_PROPERTY", allowableValues = {"RESIDENTIAL_PROPERTY", "COMMERCIAL_PROPERTY", "INDUSTRIAL_PROPERTY", "LAND_USE_RIGHT", "EQUIPMENT"})
      String type,
      @Schema(example = "汇川区工业园3号厂房") String description,
      @Schema(example = "2400000.00") BigDecimal appraisedValue) {}

  public record GuarantorRequest(
      @Schema(example = "PERSON", allowableValues = {"PERSON", "ENTERPRISE"}) String type,
      @Schema(example = "李强") String name,
      @Schema(example = "520302198001011236", description = "PERSON: 18-digit resident ID number (GB 11643), its birth date making the guarantor 18 or older"
          + " (422 UNDER_AGE otherwise); ENTERPRISE: unified social credit code (GB 32100)")
      String idNumber,
      @Schema(example = "SHAREHOLDER", allowableValues = {"LEGAL_REPRESENTATIVE", "SHAREHOLDER", "SPOUSE_OF_LEGAL_REPRESENTATIVE",
          "RELATED_ENTERPRISE", "JOINT_GUARANTEE_MEMBER", "GUARANTEE_COMPANY", "OTHER"}) String relation,
      @Schema(example = "13985066666", description = "optional") String mobile) {}
}
