package com.smeloanflow.intake;

import com.smeloanflow.platform.FieldViolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.smeloanflow.support.TestApplications;
import com.smeloanflow.support.TestApplications.Builder;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Intake validation (DESIGN.md §3.5, §6): one test per rule. A valid application changed in one
 * field must be refused for that field alone, with a machine code a channel can act on.
 */
class ApplicationValidatorTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  @Test
  void acceptsValidMortgageApplication() {
    assertThat(validate(TestApplications.mortgageAtBranchCounter())).isEmpty();
  }

  @Test
  void acceptsValidOnlineCreditQuickApplication() {
    assertThat(validate(TestApplications.onlineCreditQuick())).isEmpty();
  }

  @Test
  void refusesMissingRequestBody() {
    assertThat(ApplicationValidator.validate(null, TODAY))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("", "REQUIRED"));
  }

  // --- required fields -----------------------------------------------------------------------

  static Stream<Arguments> requiredFields() {
    return Stream.of(
        required("channel", b -> b.channel(null)),
        required("branchCode", b -> b.branchCode(null)),
        required("product", b -> b.product(null)),
        required("guaranteeType", b -> b.guaranteeType(null)),
        required("enterprise", Builder::noEnterprise),
        required("enterprise.name", b -> b.enterpriseName(null)),
        required("enterprise.creditCode", b -> b.creditCode(null)),
        required("enterprise.industryCode", b -> b.industryCode(null)),
        required("enterprise.establishedOn", b -> b.establishedOn(null)),
        required("enterprise.annualRevenue", b -> b.annualRevenue(null)),
        required("legalRepresentative", Builder::noLegalRepresentative),
        required("legalRepresentative.name", b -> b.legalRepName(null)),
        required("legalRepresentative.idNumber", b -> b.idNumber(null)),
        required("legalRepresentative.mobile", b -> b.mobile(null)),
        required("legalRepresentative.email", b -> b.email(null)),
        required("requestedAmount", b -> b.requestedAmount(null)),
        required("termMonths", b -> b.termMonths(null)),
        required("purpose", b -> b.purpose(null)),
        required("collateral", Builder::noCollateral),
        required("collateral.type", b -> b.collateralType(null)),
        required("collateral.description", b -> b.collateralDescription(null)),
        required("collateral.appraisedValue", b -> b.collateralAppraisedValue(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requiredFields")
  void refusesApplicationWithoutRequiredField(String field, UnaryOperator<Builder> change) {
    assertOnlyViolation(change.apply(TestApplications.mortgageAtBranchCounter()), field, "REQUIRED");
  }

  static Stream<Arguments> blankTextFields() {
    return Stream.of(
        required("channel", b -> b.channel(" ")),
        required("branchCode", b -> b.branchCode("")),
        required("product", b -> b.product(" ")),
        required("guaranteeType", b -> b.guaranteeType("")),
        required("enterprise.name", b -> b.enterpriseName("   ")),
        required("enterprise.creditCode", b -> b.creditCode(" ")),
        required("enterprise.industryCode", b -> b.industryCode("")),
        required("legalRepresentative.name", b -> b.legalRepName(" ")),
        required("legalRepresentative.idNumber", b -> b.idNumber("")),
        required("legalRepresentative.mobile", b -> b.mobile(" ")),
        required("legalRepresentative.email", b -> b.email("")),
        required("purpose", b -> b.purpose("\t")),
        required("collateral.type", b -> b.collateralType(" ")),
        required("collateral.description", b -> b.collateralDescription("")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blankTextFields")
  void refusesBlankTextAsMissing(String field, UnaryOperator<Builder> change) {
    assertOnlyViolation(change.apply(TestApplications.mortgageAtBranchCounter()), field, "REQUIRED");
  }

  // --- enumerations ----------------------------------------------------------------------------

  static Stream<Arguments> unknownEnumValues() {
    return Stream.of(
        required("channel", b -> b.channel("WECHAT")),
        required("channel", b -> b.channel("mobile_app")),
        required("product", b -> b.product("CAR_LOAN")),
        required("guaranteeType", b -> b.guaranteeType("PLEDGE")),
        required("collateral.type", b -> b.collateralType("VEHICLE")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownEnumValues")
  void refusesUnknownEnumerationValue(String field, UnaryOperator<Builder> change) {
    assertOnlyViolation(change.apply(TestApplications.mortgageAtBranchCounter()), field, "UNKNOWN_VALUE");
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void acceptsEveryChannel(Channel channel) {
    assertThat(validate(TestApplications.mortgageAtBranchCounter().channel(channel.name()))).isEmpty();
  }

  // --- branch and industry codes ---------------------------------------------------------------

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"zy001", "ZY01", "ZY0011", "Z0001", "ZY-01"})
  void refusesMalformedBranchCode(String branchCode) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().branchCode(branchCode), "branchCode", "INVALID_FORMAT");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"C", "C34", "C341", "C3411", "A01", "T97"})
  void acceptsIndustryCode(String industryCode) {
    assertThat(validate(TestApplications.mortgageAtBranchCounter().industryCode(industryCode))).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"c34", "C3", "C34111", "U12", "34", "C3A"})
  void refusesMalformedIndustryCode(String industryCode) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().industryCode(industryCode),
        "enterprise.industryCode", "INVALID_FORMAT");
  }

  // --- unified social credit code ---------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"91520303MA6DKQ8X4A", "91350100M000100Y43", "91110108551385082Q", "915203030900000210"})
  void acceptsCreditCodeWithCorrectCheckCharacter(String creditCode) {
    assertThat(validate(TestApplications.mortgageAtBranchCounter().creditCode(creditCode))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"91520303MA6DKQ8X4B", "91520303MA6DKQ8X40", "91350100M000100Y44", "915203030900000211"})
  void rejectsCreditCodeWithWrongCheckCharacter(String creditCode) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().creditCode(creditCode),
        "enterprise.creditCode", "INVALID_CHECK_CHARACTER");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"91520303MA6DKQ8X4", "91520303MA6DKQ8X4AA", "91520303ma6dkq8x4a", "91520303MA6DKQ8I4A",
      "9152A303MA6DKQ8X4A"})
  void rejectsCreditCodeWithWrongFormat(String creditCode) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().creditCode(creditCode),
        "enterprise.creditCode", "INVALID_FORMAT");
  }

  // --- resident ID number ---------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"52030219850714321X", "520302199002114020", "11010519491231002X"})
  void acceptsIdNumberWithCorrectCheckDigit(String idNumber) {
    assertThat(validate(TestApplications.mortgageAtBranchCounter().idNumber(idNumber))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"520302198507143210", "520302199002114021", "52030219900211402X"})
  void rejectsIdNumberWithWrongCheckDigit(String idNumber) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().idNumber(idNumber),
        "legalRepresentative.idNumber", "INVALID_CHECK_DIGIT");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"52030219850714321", "52030219850714321x", "5203021985071432XX", "520302850714321"})
  void rejectsIdNumberWithWrongFormat(String idNumber) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().idNumber(idNumber),
        "legalRepresentative.idNumber", "INVALID_FORMAT");
  }

  @ParameterizedTest(name = "born {0}")
  @ValueSource(strings = {"19850230", "19851301", "19900229", "19850700", "20261124"})
  void rejectsIdNumberWithImpossibleOrFutureBirthDate(String birthDate) {
    // A correct check digit, so that only the birth date is wrong.
    String first17 = "520302" + birthDate + "432";
    String idNumber = first17 + ResidentIdNumber.checkDigit(first17);
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().idNumber(idNumber),
        "legalRepresentative.idNumber", "INVALID_BIRTH_DATE");
  }

  @Test
  void idNumberOfPersonBornTodayHasAValidBirthDateButNamesAMinor() {
    String first17 = "520302" + "20261123" + "432";
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().idNumber(first17 + ResidentIdNumber.checkDigit(first17)),
        "legalRepresentative.idNumber", "UNDER_AGE");
  }

  // --- the legal representative's age: full civil capacity from 18 (民法典 art. 17/18) -------------

  @ParameterizedTest(name = "born {0}")
  @ValueSource(strings = {"20081124", "20100101", "20260101"})
  void refusesLegalRepresentativeUnder18(String birthDate) {
    String first17 = "520302" + birthDate + "432";
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().idNumber(first17 + ResidentIdNumber.checkDigit(first17)),
        "legalRepresentative.idNumber", "UNDER_AGE");
  }

  @ParameterizedTest(name = "born {0}")
  @ValueSource(strings = {"20081123", "20081122", "19850714"})
  void acceptsLegalRepresentativeFrom18thBirthday(String birthDate) {
    String first17 = "520302" + birthDate + "432";
    assertThat(validate(TestApplications.mortgageAtBranchCounter().idNumber(first17 + ResidentIdNumber.checkDigit(first17))))
        .isEmpty();
  }

  /**
   * Born on 29 February 2008: the 18th birthday falls in 2026, which has no 29 February, and by Chinese civil practice
   * the age is reached on 1 March, not on 28 February (the day {@code LocalDate.plusYears} gives). The day before
   * the age, a legal representative or a guarantor is still a minor; on 1 March they may sign.
   */
  @ParameterizedTest(name = "on {0}: under age {1}")
  @CsvSource({"2026-02-27, true", "2026-02-28, true", "2026-03-01, false", "2026-03-02, false"})
  void someoneBornOnTheTwentyNinthOfFebruaryIsOfAgeOnTheFirstOfMarch(LocalDate today, boolean underAge) {
    String first17 = "520302" + "20080229" + "432";
    String idNumber = first17 + ResidentIdNumber.checkDigit(first17);

    assertThat(ApplicationValidator.underAge("legalRepresentative.idNumber", "法定代表人", idNumber, today))
        .as("born 2008-02-29, on %s", today).map(FieldViolation::code).isEqualTo(underAge
            ? java.util.Optional.of(ApplicationValidator.UNDER_AGE) : java.util.Optional.empty());
    assertThat(ApplicationValidator.validate(TestApplications.mortgageAtBranchCounter().idNumber(idNumber).build(), today))
        .extracting(FieldViolation::code).containsExactlyElementsOf(underAge ? List.of(ApplicationValidator.UNDER_AGE) : List.of());
  }

  // --- a personal guarantor's age: a guarantee by a person without full civil capacity is not enforceable ----

  @ParameterizedTest(name = "born {0}")
  @ValueSource(strings = {"20081124", "20100101"})
  void refusesPersonalGuarantorUnder18(String birthDate) {
    String first17 = "520302" + birthDate + "433";
    assertOnlyViolation(TestApplications.forProduct("GROWTH").noGuarantors()
            .guarantor("PERSON", "李小强", first17 + ResidentIdNumber.checkDigit(first17), "SHAREHOLDER"),
        "guarantors[0].idNumber", "UNDER_AGE");
  }

  @ParameterizedTest(name = "born {0}")
  @ValueSource(strings = {"20081123", "19780315"})
  void acceptsPersonalGuarantorFrom18thBirthday(String birthDate) {
    String first17 = "520302" + birthDate + "433";
    assertThat(validate(TestApplications.forProduct("GROWTH").noGuarantors()
        .guarantor("PERSON", "李小强", first17 + ResidentIdNumber.checkDigit(first17), "SHAREHOLDER"))).isEmpty();
  }

  // --- mobile and e-mail ----------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"13985012345", "19912345678", "15000000000"})
  void acceptsMainlandMobileNumber(String mobile) {
    assertThat(validate(TestApplications.mortgageAtBranchCounter().mobile(mobile))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"12985012345", "1398501234", "139850123456", "+8613985012345", "23985012345", "139-8501-2345"})
  void refusesMalformedMobileNumber(String mobile) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().mobile(mobile),
        "legalRepresentative.mobile", "INVALID_FORMAT");
  }

  @Test
  void aMobileNumberStartingWith12IsRefusedWithTheRuleItBreaks() {
    // 12985012345 has 11 digits and starts with 1: the message must name the rule that refuses it
    assertThat(validate(TestApplications.mortgageAtBranchCounter().mobile("12985012345")))
        .extracting(FieldViolation::field, FieldViolation::message)
        .containsExactly(tuple("legalRepresentative.mobile", "手机号码应为11位, 以13至19开头"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"zhang.ming+loan@sub.example.com.cn", "a@b.cn"})
  void acceptsEmailAddress(String email) {
    assertThat(validate(TestApplications.mortgageAtBranchCounter().email(email))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"zhangming", "zhang@", "zhang@example", "zhang ming@example.com", "@example.com", "zhang@example.c"})
  void refusesMalformedEmailAddress(String email) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().email(email),
        "legalRepresentative.email", "INVALID_FORMAT");
  }

  // --- amounts -------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0", "0.00", "-1", "-800000.00"})
  void refusesRequestedAmountNotAboveZero(String amount) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().requestedAmount(amount), "requestedAmount", "NOT_POSITIVE");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"800000.001", "800000.125", "100000.0001"})
  void refusesRequestedAmountWithMoreThanTwoDecimals(String amount) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().requestedAmount(amount), "requestedAmount", "TOO_MANY_DECIMALS");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"800000", "800000.1", "800000.12", "800000.100", "800000.0000"})
  void acceptsRequestedAmountWithAtMostTwoSignificantDecimals(String amount) {
    assertThat(validate(TestApplications.mortgageAtBranchCounter().requestedAmount(amount))).isEmpty();
  }

  @Test
  void refusesAmountTooLargeForTheDatabase() {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().annualRevenue("12345678901234567"),
        "enterprise.annualRevenue", "TOO_LARGE");
  }

  @Test
  void acceptsZeroAnnualRevenueOfNewEnterprise() {
    assertThat(validate(TestApplications.mortgageAtBranchCounter().annualRevenue("0"))).isEmpty();
  }

  @Test
  void refusesNegativeAnnualRevenue() {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().annualRevenue("-1.00"), "enterprise.annualRevenue", "NOT_POSITIVE");
  }

  @Test
  void refusesAnnualRevenueWithMoreThanTwoDecimals() {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().annualRevenue("6500000.005"),
        "enterprise.annualRevenue", "TOO_MANY_DECIMALS");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0", "-2400000.00"})
  void refusesCollateralValueNotAboveZero(String value) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().collateralAppraisedValue(value),
        "collateral.appraisedValue", "NOT_POSITIVE");
  }

  // --- product ranges (DESIGN.md §3.5), boundaries inclusive ---------------------------------

  @ParameterizedTest(name = "{0}: {1} to {2}")
  @CsvSource({
      "CREDIT_QUICK,    10000.00,  1000000.00",
      "MORTGAGE_QUICK,  100000.00, 10000000.00",
      "JOINT_GUARANTEE, 50000.00,  3000000.00",
      "GROWTH,          500000.00, 10000000.00",
      "REVOLVING_LINE,  100000.00, 5000000.00",
  })
  void acceptsRequestedAmountOnProductBoundaries(String product, String min, String max) {
    assertThat(validate(TestApplications.forProduct(product).requestedAmount(min))).isEmpty();
    assertThat(validate(TestApplications.forProduct(product).requestedAmount(max))).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1} or {2}")
  @CsvSource({
      "CREDIT_QUICK,    9999.99,   1000000.01",
      "MORTGAGE_QUICK,  99999.99,  10000000.01",
      "JOINT_GUARANTEE, 49999.99,  3000000.01",
      "GROWTH,          499999.99, 10000000.01",
      "REVOLVING_LINE,  99999.99,  5000000.01",
  })
  void refusesRequestedAmountJustOutsideProductRange(String product, String belowMin, String aboveMax) {
    assertOnlyViolation(TestApplications.forProduct(product).requestedAmount(belowMin), "requestedAmount", "OUT_OF_PRODUCT_RANGE");
    assertOnlyViolation(TestApplications.forProduct(product).requestedAmount(aboveMax), "requestedAmount", "OUT_OF_PRODUCT_RANGE");
  }

  @ParameterizedTest(name = "{0}: {1} to {2} months")
  @CsvSource({
      "CREDIT_QUICK,    3,  36",
      "MORTGAGE_QUICK,  12, 120",
      "JOINT_GUARANTEE, 6,  36",
      "GROWTH,          12, 60",
      "REVOLVING_LINE,  36, 36",
  })
  void acceptsTermOnProductBoundaries(String product, int min, int max) {
    assertThat(validate(TestApplications.forProduct(product).termMonths(min))).isEmpty();
    assertThat(validate(TestApplications.forProduct(product).termMonths(max))).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1} or {2} months")
  @CsvSource({
      "CREDIT_QUICK,    2,  37",
      "MORTGAGE_QUICK,  11, 121",
      "JOINT_GUARANTEE, 5,  37",
      "GROWTH,          11, 61",
      "REVOLVING_LINE,  35, 37",
  })
  void refusesTermJustOutsideProductRange(String product, int belowMin, int aboveMax) {
    assertOnlyViolation(TestApplications.forProduct(product).termMonths(belowMin), "termMonths", "OUT_OF_PRODUCT_RANGE");
    assertOnlyViolation(TestApplications.forProduct(product).termMonths(aboveMax), "termMonths", "OUT_OF_PRODUCT_RANGE");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, -12})
  void refusesTermNotAboveZero(int termMonths) {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().termMonths(termMonths), "termMonths", "NOT_POSITIVE");
  }

  // --- guarantee type and collateral ---------------------------------------------------------

  /** DESIGN.md §3.5, written out here rather than read from {@link Product}, so the test checks the code. */
  private static final List<String[]> ALLOWED_GUARANTEES = List.of(
      new String[] {"CREDIT_QUICK", "CREDIT"},
      new String[] {"MORTGAGE_QUICK", "MORTGAGE"},
      new String[] {"JOINT_GUARANTEE", "JOINT_GUARANTEE"},
      new String[] {"GROWTH", "GUARANTEE"},
      new String[] {"GROWTH", "MORTGAGE"},
      new String[] {"REVOLVING_LINE", "CREDIT"},
      new String[] {"REVOLVING_LINE", "MORTGAGE"},
      new String[] {"REVOLVING_LINE", "GUARANTEE"},
      new String[] {"REVOLVING_LINE", "JOINT_GUARANTEE"});

  static Stream<Arguments> productGuaranteeCombinations() {
    return Stream.of(Product.values()).flatMap(product -> Stream.of(GuaranteeType.values())
        .map(guarantee -> Arguments.of(product.name(), guarantee.name(), ALLOWED_GUARANTEES.stream()
            .anyMatch(allowed -> allowed[0].equals(product.name()) && allowed[1].equals(guarantee.name())))));
  }

  @ParameterizedTest(name = "{0} with {1}: allowed={2}")
  @MethodSource("productGuaranteeCombinations")
  void acceptsOnlyGuaranteeTypesTheProductAllows(String product, String guarantee, boolean allowed) {
    Builder application = TestApplications.forProduct(product).guaranteeType(guarantee).noGuarantors();
    if (guarantee.equals("GUARANTEE")) {
      application.guarantor("PERSON", "李强", TestApplications.uniqueIdNumber(7001), "SHAREHOLDER");
    }
    if (guarantee.equals("JOINT_GUARANTEE")) {
      application.guarantor("ENTERPRISE", "遵义市汇川区联保成员一有限公司", TestApplications.uniqueCreditCode(7002), "JOINT_GUARANTEE_MEMBER")
          .guarantor("ENTERPRISE", "遵义市汇川区联保成员二有限公司", TestApplications.uniqueCreditCode(7003), "JOINT_GUARANTEE_MEMBER");
    }
    if (guarantee.equals("MORTGAGE")) {
      application.collateralType("INDUSTRIAL_PROPERTY").collateralDescription("汇川区工业园3号厂房")
          .collateralAppraisedValue("2400000.00");
    }
    if (allowed) {
      assertThat(validate(application)).isEmpty();
    } else {
      assertOnlyViolation(application, "guaranteeType", "NOT_ALLOWED_FOR_PRODUCT");
    }
  }

  @Test
  void requiresCollateralForMortgage() {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().noCollateral(), "collateral", "REQUIRED");
  }

  @Test
  void ignoresCollateralWhenGuaranteeIsNotMortgage() {
    Builder growth = TestApplications.forProduct("GROWTH").guaranteeType("GUARANTEE")
        .collateralType("VEHICLE").collateralDescription("").collateralAppraisedValue("-1");
    assertThat(validate(growth)).isEmpty();
  }

  // --- texts and dates -----------------------------------------------------------------------

  @Test
  void refusesTooLongTexts() {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().enterpriseName("企".repeat(201)), "enterprise.name", "TOO_LONG");
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().legalRepName("张".repeat(101)), "legalRepresentative.name", "TOO_LONG");
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().purpose("用".repeat(501)), "purpose", "TOO_LONG");
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().collateralDescription("房".repeat(501)),
        "collateral.description", "TOO_LONG");
    assertThat(validate(TestApplications.mortgageAtBranchCounter().enterpriseName("企".repeat(200)).purpose("用".repeat(500))))
        .isEmpty();
  }

  @Test
  void acceptsEnterpriseEstablishedToday() {
    assertThat(validate(TestApplications.mortgageAtBranchCounter().establishedOn(TODAY))).isEmpty();
  }

  @Test
  void refusesEstablishmentDateInTheFuture() {
    assertOnlyViolation(TestApplications.mortgageAtBranchCounter().establishedOn(TODAY.plusDays(1)),
        "enterprise.establishedOn", "IN_FUTURE");
  }

  // --- all at once ---------------------------------------------------------------------------

  @Test
  void reportsEveryBadFieldAtOnce() {
    Builder application = TestApplications.mortgageAtBranchCounter()
        .channel("FAX")
        .branchCode("zy1")
        .creditCode("91520303MA6DKQ8X4B")
        .industryCode("c34")
        .establishedOn(TODAY.plusYears(1))
        .annualRevenue("-1")
        .legalRepName(null)
        .idNumber("520302198507143210")
        .mobile("12345")
        .email("no-at-sign")
        .requestedAmount("50000.00")
        .termMonths(200)
        .purpose("")
        .collateralType("BOAT");

    assertThat(validate(application))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactlyInAnyOrder(
            tuple("channel", "UNKNOWN_VALUE"),
            tuple("branchCode", "INVALID_FORMAT"),
            tuple("enterprise.creditCode", "INVALID_CHECK_CHARACTER"),
            tuple("enterprise.industryCode", "INVALID_FORMAT"),
            tuple("enterprise.establishedOn", "IN_FUTURE"),
            tuple("enterprise.annualRevenue", "NOT_POSITIVE"),
            tuple("legalRepresentative.name", "REQUIRED"),
            tuple("legalRepresentative.idNumber", "INVALID_CHECK_DIGIT"),
            tuple("legalRepresentative.mobile", "INVALID_FORMAT"),
            tuple("legalRepresentative.email", "INVALID_FORMAT"),
            tuple("requestedAmount", "OUT_OF_PRODUCT_RANGE"),
            tuple("termMonths", "OUT_OF_PRODUCT_RANGE"),
            tuple("purpose", "REQUIRED"),
            tuple("collateral.type", "UNKNOWN_VALUE"));
  }

  @Test
  void explainsEachViolationInChinese() {
    assertThat(validate(TestApplications.mortgageAtBranchCounter().requestedAmount("99999.99")))
        .singleElement()
        .extracting(FieldViolation::message)
        .isEqualTo("抵押快贷申请金额应在 100000 至 10000000 元之间");
    assertThat(validate(TestApplications.forProduct("REVOLVING_LINE").termMonths(12)))
        .singleElement()
        .extracting(FieldViolation::message)
        .isEqualTo("循环额度期限固定为 36 个月");
  }

  // --- helpers -------------------------------------------------------------------------------

  private static Arguments required(String field, UnaryOperator<Builder> change) {
    return Arguments.of(field, change);
  }

  private static List<FieldViolation> validate(Builder application) {
    return ApplicationValidator.validate(application.build(), TODAY);
  }

  private static void assertOnlyViolation(Builder application, String field, String code) {
    assertThat(validate(application))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple(field, code));
  }
}
