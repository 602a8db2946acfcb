package com.smeloanflow.intake;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The 18-digit citizen identification number of GB 11643-1999 (公民身份号码): 6-digit address
 * code, 8-digit birth date, 3-digit sequence and a check digit (0-9 or X) computed as ISO 7064
 * MOD 11-2.
 */
public final class ResidentIdNumber {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private ResidentIdNumber() {}

  public static boolean hasValidFormat(String number) {
    return number != null && number.matches("\\d{17}[\\dX]");
  }

  public static char checkDigit(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  public static boolean hasValidCheckDigit(String number) {
    return hasValidFormat(number) && checkDigit(number.substring(0, 17)) == number.charAt(17);
  }

  /** The birth date encoded in a well-formed number, or null when it is not a real date. */
  public static LocalDate birthDate(String number) {
    try {
      return LocalDate.of(Integer.parseInt(number.substring(6, 10)),
          Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }
}
