package com.smeloanflow.intake;

/**
 * The 18-character unified social credit code of GB 32100-2015 (统一社会信用代码).
 *
 * <p>Characters come from a 31-character alphabet (digits and upper-case letters without
 * I, O, S, V, Z). The 18th character is the check character: with weights 3^(i) mod 31,
 * {@code check = 31 - (sum(value(c_i) * w_i) mod 31)}, where 31 becomes 0.
 */
public final class UnifiedSocialCreditCode {

  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  private UnifiedSocialCreditCode() {}

  public static boolean hasValidFormat(String code) {
    if (code == null || code.length() != 18) {
      return false;
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return false;
      }
    }
    // Characters 3-8 are the administrative division code: digits only.
    for (int i = 2; i < 8; i++) {
      if (!Character.isDigit(code.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The check character for the first 17 characters of a code. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    int check = 31 - sum % 31;
    return ALPHABET.charAt(check == 31 ? 0 : check);
  }

  public static boolean hasValidCheckCharacter(String code) {
    return hasValidFormat(code) && checkCharacter(code.substring(0, 17)) == code.charAt(17);
  }
}
