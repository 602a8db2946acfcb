package com.smeloanflow.campaign;

import com.smeloanflow.intake.ApplicationRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a whitelist lacks for a loan application and the customer manager completes in the contact form
 * (the enterprise's name and credit code, the legal representative and mobile come from the whitelist;
 * the channel is WHITELIST and the branch the prospect's).
 */
public record ApplicationDetails(String product, BigDecimal requestedAmount, Integer termMonths, String purpose,
    String guaranteeType, String industryCode, LocalDate establishedOn, BigDecimal annualRevenue, String legalRepIdNumber,
    String legalRepEmail, ApplicationRequest.Collateral collateral, List<ApplicationRequest.GuarantorRequest> guarantors) {}
