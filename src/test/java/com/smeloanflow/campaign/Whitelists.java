package com.smeloanflow.campaign;

import com.smeloanflow.intake.UnifiedSocialCreditCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Test whitelists: CSV text with enterprises of their own, registered in a chosen division. */
final class Whitelists {

  static final String HEADER = "统一社会信用代码,企业名称,法定代表人,手机号码,预估额度,建议产品,来源模型,模型日期";
  /** 汇川区, covered by ZY001 汇川支行 */
  static final String HUICHUAN = "520303";
  /** 红花岗区, covered by ZY002 红花岗支行 */
  static final String HONGHUAGANG = "520302";
  /** 播州区: no demo branch covers it */
  static final String BOZHOU = "520304";

  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final AtomicLong SEED = new AtomicLong(System.nanoTime());
  private static final AtomicInteger BRANCHES = new AtomicInteger(100 + new Random().nextInt(800));

  private final List<String> lines = new ArrayList<>();

  private Whitelists() {}

  static Whitelists whitelist() {
    return new Whitelists();
  }

  /** A valid credit code (GB 32100) of an enterprise registered in the division, used by no other test. */
  static String creditCodeIn(String division) {
    Random random = new Random(SEED.incrementAndGet());
    StringBuilder first17 = new StringBuilder("91").append(division);
    for (int i = 0; i < 9; i++) {
      first17.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return first17 + String.valueOf(UnifiedSocialCreditCode.checkCharacter(first17.toString()));
  }

  /** A branch code no other run of this test database used (TC100..TC999). */
  static String freshBranchCode() {
    return String.format("TC%03d", BRANCHES.getAndIncrement() % 1000);
  }

  /** A credit CREDIT_QUICK line of 300,000.00 for the enterprise. */
  Whitelists enterprise(String creditCode) {
    return line(creditCode + ",遵义白名单企业" + creditCode.substring(10) + "有限公司,张明,13985012345,300000.00,CREDIT_QUICK,TAX-WL-2.1,2026-01-05");
  }

  /** A line as written. */
  Whitelists line(String line) {
    lines.add(line);
    return this;
  }

  String csv() {
    return HEADER + "\n" + String.join("\n", lines) + "\n";
  }
}
