package com.smeloanflow.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * How a date reads in Chinese text a person reads, a customer or staff: {@code 2027年1月7日} (no leading zeros), and a
 * moment in the bank's time zone {@code 2027年1月7日 09:30}. Every date a mail prints goes through here, the footer's
 * date as well as the dates in its sentences, so that a mail never mixes {@code 2027-01-07} with {@code 2026年12月7日};
 * so does every date in the Chinese part of a refusal or a reason staff or a channel read (the English part in
 * brackets, for engineers, stays ISO, and so does every date field of the JSON). The date touches the Chinese around
 * it, as in the mail templates: {@code 已于2027年1月7日发放}. A null date is a programming error and throws: a mail is
 * never sent saying "null".
 */
public final class ChineseDates {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(BusinessClock.BANK_ZONE);
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss").withZone(BusinessClock.BANK_ZONE);

  private ChineseDates() {}

  /** {@code 2027年1月7日}. */
  public static String day(LocalDate date) {
    return DAY.format(Objects.requireNonNull(date, "a date a mail prints"));
  }

  /** {@code 2027年1月7日 09:30}, in the bank's time zone. */
  public static String minute(Instant at) {
    return MINUTE.format(Objects.requireNonNull(at, "a time a mail prints"));
  }

  /** {@code 2027年1月7日 09:30:05}, in the bank's time zone: for a refusal that names a wait counted in seconds. */
  public static String second(Instant at) {
    return SECOND.format(Objects.requireNonNull(at, "a time a person reads"));
  }
}
