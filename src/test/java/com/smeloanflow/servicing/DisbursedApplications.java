package com.smeloanflow.servicing;

import com.smeloanflow.approval.RepaymentMethod;

import com.smeloanflow.intake.ApplicationRequest;
import com.smeloanflow.intake.IntakeService;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.ResidentIdNumber;
import com.smeloanflow.intake.UnifiedSocialCreditCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/** Test data: a stored application of a new enterprise, and the command to open its loan account. */
final class DisbursedApplications {

  private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private DisbursedApplications() {}

  /** Registers a CREDIT_QUICK application at branch ZY001 (no process started). */
  static LoanApplication register(IntakeService intake) {
    String first17 = "91520303" + randomCodeCharacters(9);
    String creditCode = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    String idFirst17 = "52030219850714321";
    ApplicationRequest request = new ApplicationRequest("BRANCH_COUNTER", "ZY001", "CREDIT_QUICK",
        new ApplicationRequest.Enterprise("遵义市汇川区明达机械加工有限公司", creditCode, "C34",
            LocalDate.of(2016, 4, 18), new BigDecimal("6500000.00")),
        new ApplicationRequest.LegalRepresentative("张明", idFirst17 + ResidentIdNumber.checkDigit(idFirst17),
            "13985012345", "zhangming@example.com"),
        new BigDecimal("100000.00"), 12, "采购原材料", "CREDIT", null);
    return intake.register(request, "servicing-test");
  }

  /** Opening 100,000.00 CNY at 4.35% for 12 months, equal instalments, disbursed on 15 March 2025. */
  static OpenLoanAccount openingOf(LoanApplication application, String postingReference) {
    return new OpenLoanAccount(application.id(), application.creditCode(), application.enterpriseName(),
        new BigDecimal("100000.00"), new BigDecimal("4.35"), 12, RepaymentMethod.EQUAL_INSTALMENT,
        LocalDate.of(2025, 3, 15), postingReference);
  }

  private static String randomCodeCharacters(int count) {
    StringBuilder characters = new StringBuilder();
    for (int i = 0; i < count; i++) {
      characters.append(CODE_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(CODE_ALPHABET.length())));
    }
    return characters.toString();
  }
}
