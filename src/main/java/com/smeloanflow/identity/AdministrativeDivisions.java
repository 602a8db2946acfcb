package com.smeloanflow.identity;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * County-level administrative division codes (GB/T 2260, 6 digits: province, prefecture, county),
 * the units a branch's grid is made of, e.g. 520303 汇川区 and 520302 红花岗区 of 遵义市.
 */
public final class AdministrativeDivisions {

  private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

  /** The first two digits of GB/T 2260: the provinces, autonomous regions, municipalities and SARs. */
  private static final Set<String> PROVINCES = Set.of(
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
      "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
      "71", "81", "82");

  private AdministrativeDivisions() {}

  /** Why a code is not a county-level division (a message staff read), or empty when it is one. */
  public static Optional<String> problem(String code) {
    if (code == null || !SIX_DIGITS.matcher(code).matches()) {
      return Optional.of("行政区划代码应为 6 位数字(GB/T 2260), 如 520303");
    }
    if (!PROVINCES.contains(code.substring(0, 2))) {
      return Optional.of("行政区划代码前两位不是省级代码: " + code);
    }
    if (code.endsWith("00")) {
      return Optional.of("网格须为县级行政区划(末两位不为 00): " + code);
    }
    return Optional.empty();
  }

  /**
   * The division of the authority that registered an enterprise: characters 3-8 of its unified
   * social credit code (GB 32100), e.g. 520303 for {@code 91520303MA6DKQ8X4A}.
   */
  public static String ofCreditCode(String creditCode) {
    if (creditCode == null || creditCode.length() != 18) {
      throw new IllegalArgumentException("Not an 18-character unified social credit code: " + creditCode);
    }
    return creditCode.substring(2, 8);
  }
}
