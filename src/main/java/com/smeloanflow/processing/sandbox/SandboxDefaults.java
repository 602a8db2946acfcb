package com.smeloanflow.processing.sandbox;

import com.smeloanflow.processing.sandbox.SandboxProfile.Bureau;
import com.smeloanflow.processing.sandbox.SandboxProfile.Court;
import com.smeloanflow.processing.sandbox.SandboxProfile.Flows;
import com.smeloanflow.processing.sandbox.SandboxProfile.Registration;
import com.smeloanflow.processing.sandbox.SandboxProfile.Scenario;
import com.smeloanflow.processing.sandbox.SandboxProfile.Tax;
import com.smeloanflow.processing.sandbox.SandboxProfile.Utilities;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The external data the sandbox answers for an enterprise nobody registered: derived from its credit
 * code alone, so the same code always gets the same data, on any machine and any day. The values
 * are those of a plausible small enterprise, mostly decent: 1.2–18 million CNY of annual sales,
 * established between 2008 and 2022, mostly tax rating A or B, steady account flows, occasional
 * small bureau or utility blemishes (a person, looked up by resident ID number, no court record). A
 * derived default never carries a hard red flag (no current overdue, no
 * dishonest-debtor listing, licence active): to test those, register a profile.
 */
public final class SandboxDefaults {

  /** Establishment dates are drawn from 2008-01-01 on, 15 years wide: never in the future. */
  private static final LocalDate EARLIEST_ESTABLISHED = LocalDate.of(2008, 1, 1);
  private static final String[] PREFIXES = {"明达", "恒信", "华联", "鑫源", "国泰", "宏远", "金桥", "盛世", "永兴", "瑞丰"};
  /** Trade word and GB/T 4754 industry code. */
  private static final String[][] TRADES = {
      {"机械加工", "C34"}, {"商贸", "F51"}, {"食品", "C14"}, {"物流", "G54"}, {"建材", "C30"},
      {"电子科技", "C39"}, {"餐饮管理", "H62"}, {"软件科技", "I65"}, {"服装", "C18"}, {"农业开发", "A01"}};
  private static final BigDecimal THOUSAND = new BigDecimal("1000");
  private static final BigDecimal TWELVE = new BigDecimal("12");

  private SandboxDefaults() {}

  /** The complete default profile of an enterprise (no internal defaults, no failure settings). */
  public static SandboxProfile derive(String creditCode) {
    Random random = new Random(seed(creditCode));
    int trade = random.nextInt(TRADES.length);
    Registration registration = new Registration(
        PREFIXES[random.nextInt(PREFIXES.length)] + TRADES[trade][0] + "有限公司",
        EARLIEST_ESTABLISHED.plusDays(random.nextInt(15 * 365)),
        "ACTIVE",
        TRADES[trade][1]);

    // Skewed towards smaller enterprises: the lower of two draws, 1.2 to 18 million CNY.
    int salesThousands = 1_200 + Math.min(random.nextInt(16_800), random.nextInt(16_800));
    BigDecimal annualSales = BigDecimal.valueOf(salesThousands).multiply(THOUSAND).setScale(2);
    int ratingDraw = random.nextInt(100);
    String rating = ratingDraw < 35 ? "A" : ratingDraw < 78 ? "B" : ratingDraw < 90 ? "M" : "C";
    Tax tax = new Tax(rating, annualSales, random.nextInt(100) < 8 ? 1 : 0);

    int dpdDraw = random.nextInt(100);
    int maxDpd = dpdDraw < 75 ? 0 : dpdDraw < 95 ? 1 + random.nextInt(29) : 30 + random.nextInt(30);
    Bureau bureau = new Bureau(new BigDecimal("0.00"), maxDpd, random.nextInt(4), random.nextInt(5));

    // A person (a guarantor, looked up by resident ID number) has no court record by default.
    boolean person = com.smeloanflow.intake.ResidentIdNumber.hasValidCheckDigit(creditCode);
    Court court = new Court(!person && random.nextInt(100) < 4 ? 1 : 0, false);

    Flows flows = flows(random, annualSales);

    int lateDraw = random.nextInt(100);
    Utilities utilities = new Utilities(12 + random.nextInt(49),
        lateDraw < 80 ? 0 : lateDraw < 95 ? 1 + random.nextInt(2) : 3);

    int outlookDraw = random.nextInt(100);
    int roleDraw = random.nextInt(100);
    Scenario scenario = new Scenario(
        outlookDraw < 30 ? "GROWING" : outlookDraw < 85 ? "STABLE" : "DECLINING",
        roleDraw < 5 ? "CORE" : roleDraw < 25 ? "TIER1" : roleDraw < 55 ? "TIER2" : "NONE");

    return new SandboxProfile(registration, tax, bureau, court, flows, utilities, scenario, null, null);
  }

  /**
   * Monthly inflows around a twelfth of the annual sales (90–110%), with a gentle trend (−1% to +2%
   * a month) and noise of up to ±12%; outflows 85–98% of each month's inflow.
   */
  private static Flows flows(Random random, BigDecimal annualSales) {
    BigDecimal base = annualSales.divide(TWELVE, 2, RoundingMode.HALF_UP)
        .multiply(BigDecimal.valueOf(90 + random.nextInt(21))).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    int trendPermillePerMonth = -10 + random.nextInt(31);
    List<BigDecimal> inflows = new ArrayList<>();
    List<BigDecimal> outflows = new ArrayList<>();
    for (int month = 0; month < 12; month++) {
      int permille = 1000 + trendPermillePerMonth * (2 * month - 11) / 2 + (random.nextInt(241) - 120);
      BigDecimal inflow = base.multiply(BigDecimal.valueOf(permille)).divide(THOUSAND, 2, RoundingMode.HALF_UP);
      BigDecimal outflow = inflow.multiply(BigDecimal.valueOf(850 + random.nextInt(130))).divide(THOUSAND, 2, RoundingMode.HALF_UP);
      inflows.add(inflow);
      outflows.add(outflow);
    }
    return new Flows(inflows, outflows);
  }

  private static long seed(String creditCode) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(creditCode.getBytes(StandardCharsets.UTF_8));
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = (seed << 8) | (digest[i] & 0xff);
      }
      return seed;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
