package com.smeloanflow.processing;

import com.smeloanflow.intake.UnifiedSocialCreditCode;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Valid unified social credit codes (GB 32100) for tests, each test its own enterprise. */
public final class CreditCodes {

  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final AtomicLong NEXT = new AtomicLong(System.nanoTime());

  private CreditCodes() {}

  /** A code no other test uses (a legal person in Zunyi, Huichuan district). */
  public static String fresh() {
    return freshIn(HUICHUAN);
  }

  /** A code no other test uses, of an enterprise registered in the administrative division {@code division}. */
  public static String freshIn(String division) {
    return fromSeed(division, NEXT.incrementAndGet());
  }

  /** The same seed always gives the same valid code. */
  public static String fromSeed(long seed) {
    return fromSeed(HUICHUAN, seed);
  }

  private static final String HUICHUAN = "520303";

  private static String fromSeed(String division, long seed) {
    Random random = new Random(seed);
    StringBuilder first17 = new StringBuilder("91").append(division);
    for (int i = 0; i < 9; i++) {
      first17.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return first17.toString() + UnifiedSocialCreditCode.checkCharacter(first17.toString());
  }
}
