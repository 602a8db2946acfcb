package com.smeloanflow.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.smeloanflow.intake.ApplicationRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Valid loan applications for tests, to change one field at a time:
 *
 * <pre>{@code
 * ApplicationRequest request = TestApplications.mortgageAtBranchCounter().requestedAmount("99999.99").build();
 * String json = TestApplications.onlineCreditQuick().json();
 * }</pre>
 *
 * Every builder gets a unique enterprise name and legal-representative e-mail, so a test can find
 * its own application rows and mails in a database and mail server other tests use too.
 */
public final class TestApplications {

  /** 18-character unified social credit code with a valid GB 32100 check character. */
  public static final String CREDIT_CODE = "91520303MA6DKQ8X4A";
  /** 18-digit resident ID number with a valid GB 11643 check digit (born 1985-07-14). */
  public static final String ID_NUMBER = "52030219850714321X";
  public static final String MOBILE = "13985012345";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private TestApplications() {}

  /** MORTGAGE_QUICK at the ZY001 counter: accepted at the branch, six documents to check. */
  public static Builder mortgageAtBranchCounter() {
    return new Builder();
  }

  /** CREDIT_QUICK from the mobile app: the one case that skips branch acceptance. */
  public static Builder onlineCreditQuick() {
    return new Builder().channel("MOBILE_APP").product("CREDIT_QUICK").guaranteeType("CREDIT")
        .requestedAmount("200000.00").termMonths(12).noCollateral();
  }

  /** A valid application for the product at the ZY001 counter, with an allowed guarantee type and term. */
  public static Builder forProduct(String product) {
    Builder application = mortgageAtBranchCounter().product(product);
    return switch (product) {
      case "CREDIT_QUICK" -> application.guaranteeType("CREDIT").termMonths(12).requestedAmount("200000.00").noCollateral();
      case "MORTGAGE_QUICK" -> application;
      case "JOINT_GUARANTEE" -> jointGuarantee(application.termMonths(12));
      case "GROWTH" -> application.guaranteeType("GUARANTEE").termMonths(24).noCollateral()
          .guarantor("PERSON", "李强", uniqueIdNumber(application.number + 5_000), "SHAREHOLDER");
      case "REVOLVING_LINE" -> application.guaranteeType("CREDIT").termMonths(36).noCollateral();
      default -> throw new IllegalArgumentException("Unknown product " + product);
    };
  }

  /** A REVOLVING_LINE application at the ZY001 counter on joint guarantee (联保): a line whose drawdowns the group guarantees. */
  public static Builder jointGuaranteedLine() {
    return jointGuarantee(forProduct("REVOLVING_LINE"));
  }

  /** Joint guarantee (联保): two member enterprises of the group guarantee the loan, no collateral. */
  private static Builder jointGuarantee(Builder application) {
    return application.guaranteeType("JOINT_GUARANTEE").noCollateral()
        .guarantor("ENTERPRISE", "遵义市汇川区联保成员一有限公司", uniqueCreditCode(application.number), "JOINT_GUARANTEE_MEMBER")
        .guarantor("ENTERPRISE", "遵义市汇川区联保成员二有限公司", uniqueCreditCode(application.number + 50_000), "JOINT_GUARANTEE_MEMBER");
  }

  /**
   * A valid resident ID number (GB 11643) of its own for each builder: the bank's exposure rules add
   * up the applications of one legal representative, so tests must not share one by accident.
   */
  public static String uniqueIdNumber(int number) {
    String first17 = "520302" + LocalDate.of(1970, 1, 1).plusDays((number * 37L) % 12000)
        .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", number % 1000);
    return first17 + com.smeloanflow.intake.ResidentIdNumber.checkDigit(first17);
  }

  /** A valid unified social credit code (GB 32100) of its own for a test enterprise. */
  public static String uniqueCreditCode(int number) {
    String first17 = "91520303" + String.format("%09d", 700_000_000 + number);
    return first17 + com.smeloanflow.intake.UnifiedSocialCreditCode.checkCharacter(first17);
  }

  /** Mutable test-data builder for {@link ApplicationRequest}; {@code null} leaves a field out. */
  public static final class Builder {
    final int number = SEQUENCE.incrementAndGet();
    private String channel = "BRANCH_COUNTER";
    private String branchCode = "ZY001";
    private String product = "MORTGAGE_QUICK";
    private String enterpriseName = "遵义市汇川区明达机械加工有限公司-" + number;
    private String creditCode = CREDIT_CODE;
    private String industryCode = "C34";
    private LocalDate establishedOn = LocalDate.of(2016, 4, 18);
    private BigDecimal annualRevenue = new BigDecimal("6500000.00");
    private boolean enterprisePresent = true;
    private String legalRepName = "张明";
    private String idNumber = uniqueIdNumber(number);
    private String mobile = MOBILE;
    private String email = "zhangming." + number + "@example.com";
    private boolean legalRepresentativePresent = true;
    private BigDecimal requestedAmount = new BigDecimal("800000.00");
    private Integer termMonths = 36;
    private String purpose = "购置生产设备";
    private String guaranteeType = "MORTGAGE";
    private String collateralType = "INDUSTRIAL_PROPERTY";
    private String collateralDescription = "汇川区工业园3号厂房";
    private BigDecimal collateralAppraisedValue = new BigDecimal("2400000.00");
    private boolean collateralPresent = true;
    private final java.util.List<ApplicationRequest.GuarantorRequest> guarantors = new java.util.ArrayList<>();

    public Builder channel(String value) { channel = value; return this; }
    public Builder branchCode(String value) { branchCode = value; return this; }
    public Builder product(String value) { product = value; return this; }
    public Builder enterpriseName(String value) { enterpriseName = value; return this; }
    public Builder creditCode(String value) { creditCode = value; return this; }
    public Builder industryCode(String value) { industryCode = value; return this; }
    public Builder establishedOn(LocalDate value) { establishedOn = value; return this; }
    public Builder annualRevenue(String value) { annualRevenue = decimal(value); return this; }
    public Builder noEnterprise() { enterprisePresent = false; return this; }
    public Builder legalRepName(String value) { legalRepName = value; return this; }
    public Builder idNumber(String value) { idNumber = value; return this; }
    public Builder mobile(String value) { mobile = value; return this; }
    public Builder email(String value) { email = value; return this; }
    public Builder noLegalRepresentative() { legalRepresentativePresent = false; return this; }
    public Builder requestedAmount(String value) { requestedAmount = decimal(value); return this; }
    public Builder termMonths(Integer value) { termMonths = value; return this; }
    public Builder purpose(String value) { purpose = value; return this; }
    public Builder guaranteeType(String value) { guaranteeType = value; return this; }
    public Builder collateralType(String value) { collateralType = value; collateralPresent = true; return this; }
    public Builder collateralDescription(String value) { collateralDescription = value; collateralPresent = true; return this; }
    public Builder collateralAppraisedValue(String value) { collateralAppraisedValue = decimal(value); collateralPresent = true; return this; }
    public Builder noCollateral() { collateralPresent = false; return this; }
    public Builder guarantor(String type, String name, String idNumber, String relation) {
      guarantors.add(new ApplicationRequest.GuarantorRequest(type, name, idNumber, relation, null));
      return this;
    }
    public Builder noGuarantors() { guarantors.clear(); return this; }
    public java.util.List<ApplicationRequest.GuarantorRequest> guarantors() { return java.util.List.copyOf(guarantors); }

    public String enterpriseName() { return enterpriseName; }
    public String idNumber() { return idNumber; }
    public String email() { return email; }

    public ApplicationRequest build() {
      return new ApplicationRequest(channel, branchCode, product,
          enterprisePresent
              ? new ApplicationRequest.Enterprise(enterpriseName, creditCode, industryCode, establishedOn, annualRevenue)
              : null,
          legalRepresentativePresent
              ? new ApplicationRequest.LegalRepresentative(legalRepName, idNumber, mobile, email)
              : null,
          requestedAmount, termMonths, purpose, guaranteeType,
          collateralPresent
              ? new ApplicationRequest.Collateral(collateralType, collateralDescription, collateralAppraisedValue)
              : null,
          guarantors.isEmpty() ? null : java.util.List.copyOf(guarantors));
    }

    /** The request as a channel sends it: JSON with ISO dates, absent fields left out. */
    public String json() {
      try {
        return JSON.writeValueAsString(build());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    private static BigDecimal decimal(String value) {
      return value == null ? null : new BigDecimal(value);
    }
  }
}
