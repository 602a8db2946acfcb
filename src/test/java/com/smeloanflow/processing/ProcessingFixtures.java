package com.smeloanflow.processing;

import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.intake.Channel;
import com.smeloanflow.intake.GuaranteeType;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import com.smeloanflow.processing.sandbox.SandboxProfile;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Applications and sandbox profiles for the processing tests. */
public final class ProcessingFixtures {

  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  private ProcessingFixtures() {}

  /** Stores an online CREDIT_QUICK application of the enterprise (branch ZY001 of the demo data). */
  public static String insertApplication(LoanApplicationRepository applications, String creditCode, String amount) {
    String id = "SLTPROC" + System.currentTimeMillis() % 100_000_000 + NEXT_ID.incrementAndGet();
    applications.insert(new LoanApplication(id, Channel.MOBILE_APP, "ZY001", Product.CREDIT_QUICK,
        "遵义市汇川区明达机械加工有限公司", creditCode, "C34", LocalDate.of(2017, 3, 1), new BigDecimal("6000000.00"),
        "张明", "52030219850714321X", "13985012345", "zhangming@example.com",
        new BigDecimal(amount), 12, "采购原材料", GuaranteeType.CREDIT, null, null, null,
        List.of(), "channel", Instant.now()));
    return id;
  }

  /**
   * Eight years trading, stable flows of about 52万 a month, tax rating A, nothing at the bureau or
   * the courts, utilities never late.
   */
  public static SandboxProfile strongProfile() {
    return new SandboxProfile(
        new SandboxProfile.Registration("遵义市汇川区明达机械加工有限公司", LocalDate.of(2017, 3, 1), "ACTIVE", "C34"),
        new SandboxProfile.Tax("A", new BigDecimal("6200000.00"), 0),
        new SandboxProfile.Bureau(new BigDecimal("0.00"), 0, 1, 1),
        new SandboxProfile.Court(0, false),
        new SandboxProfile.Flows(
            amounts("510000", "525000", "515000", "530000", "520000", "518000", "522000", "527000", "519000", "524000", "521000", "523000"),
            amounts("470000", "480000", "466000", "490000", "475000", "472000", "479000", "481000", "470000", "476000", "474000", "478000")),
        new SandboxProfile.Utilities(60, 0),
        new SandboxProfile.Scenario("STABLE", "NONE"),
        null,
        null);
  }

  public static SandboxProfile withCourt(SandboxProfile p, SandboxProfile.Court court) {
    return new SandboxProfile(p.registration(), p.tax(), p.bureau(), court, p.flows(), p.utilities(), p.scenario(),
        p.internalDefaults(), p.sandbox());
  }

  public static SandboxProfile withTax(SandboxProfile p, SandboxProfile.Tax tax) {
    return new SandboxProfile(p.registration(), tax, p.bureau(), p.court(), p.flows(), p.utilities(), p.scenario(),
        p.internalDefaults(), p.sandbox());
  }

  public static SandboxProfile withInternalDefaults(SandboxProfile p, List<SandboxProfile.InternalDefaultEntry> defaults) {
    return new SandboxProfile(p.registration(), p.tax(), p.bureau(), p.court(), p.flows(), p.utilities(), p.scenario(),
        defaults, p.sandbox());
  }

  public static SandboxProfile withSandbox(SandboxProfile p, SandboxProfile.Settings settings) {
    return new SandboxProfile(p.registration(), p.tax(), p.bureau(), p.court(), p.flows(), p.utilities(), p.scenario(),
        p.internalDefaults(), settings);
  }

  /** Sources that fail {@code failuresBeforeSuccess} times (null: for good), failing at once. */
  public static SandboxProfile.Settings failing(Integer failuresBeforeSuccess, String... sources) {
    return new SandboxProfile.Settings(List.of(sources), failuresBeforeSuccess, null, null, null);
  }

  static List<BigDecimal> amounts(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
  }
}
