package com.smeloanflow.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What any text or date a caller sends must be, before a validator looks at its meaning. Text:
 * no NUL or other control characters (PostgreSQL refuses NUL with an error, a mail or log line with a
 * control character can be forged), no Unicode direction overrides (a name that reads differently on
 * screen than it is stored), no lone surrogates (not text at all; the database or the mail encoder
 * fails on them), and not only invisible characters (a "name" of zero-width spaces). Dates: inside a
 * plausible window, so a typo like year 1 or 9999 is a named bad field, not a stored fact.
 *
 * <p>Each check answers the violation of one field, or nothing; the stage's validator collects them
 * with its own, so every bad field is named in one 400 answer.
 */
public final class InputHygiene {

  /**
   * The earliest founding date of an enterprise the bank registers: the founding of the People's
   * Republic (1949-10-01). Every enterprise with a unified social credit code was (re)registered after
   * it; an earlier date is a typo.
   */
  public static final LocalDate EARLIEST_ESTABLISHED_ON = LocalDate.of(1949, 10, 1);

  /** The longest e-mail address stored (the column's size; RFC 5321 allows 254). */
  public static final int MAX_EMAIL_LENGTH = 200;

  private InputHygiene() {}

  /** A single-line text (a name, a code, a number): no line breaks either. */
  public static Optional<FieldViolation> singleLine(String field, String value) {
    return check(field, value, false);
  }

  /** A text that may span lines (a purpose, a description): tab, CR and LF are allowed. */
  public static Optional<FieldViolation> multiLine(String field, String value) {
    return check(field, value, true);
  }

  private static Optional<FieldViolation> check(String field, String value, boolean lineBreaksAllowed) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    boolean visible = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          int codePoint = value.codePointAt(i);
          i++;
          if (isFormatOrInvisible(codePoint)) {
            continue;
          }
          visible = true;
          continue;
        }
        return violation(field, "INVALID_CHARACTER", "含有无效的 Unicode 字符(孤立代理项)");
      }
      if (Character.isLowSurrogate(c)) {
        return violation(field, "INVALID_CHARACTER", "含有无效的 Unicode 字符(孤立代理项)");
      }
      if (c == 0) {
        return violation(field, "CONTROL_CHARACTER", "不能包含空字符(NUL)");
      }
      if (isLineBreakOrTab(c)) {
        if (!lineBreaksAllowed) {
          return violation(field, "CONTROL_CHARACTER", "不能包含换行符或制表符");
        }
        continue;
      }
      if (Character.isISOControl(c)) {
        return violation(field, "CONTROL_CHARACTER", "不能包含控制字符");
      }
      if (isDirectionControl(c)) {
        return violation(field, "DIRECTION_OVERRIDE", "不能包含改变文字方向的控制字符");
      }
      if (c == '\uFFFE' || c == '\uFFFF') {
        return violation(field, "INVALID_CHARACTER", "含有无效的 Unicode 字符");
      }
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && !isFormatOrInvisible(c)) {
        visible = true;
      }
    }
    if (!visible) {
      return violation(field, "INVISIBLE_ONLY", "不能只包含空白或不可见字符");
    }
    return Optional.empty();
  }

  /**
   * A date a person or an enterprise could have: not before {@code earliest}, not after
   * {@code latest}. Null is not this check's business (the validator says REQUIRED).
   */
  public static Optional<FieldViolation> dateWithin(String field, LocalDate date, LocalDate earliest, LocalDate latest) {
    if (date == null) {
      return Optional.empty();
    }
    if (date.isBefore(earliest)) {
      return violation(field, "TOO_EARLY", "日期不能早于 " + earliest);
    }
    if (date.isAfter(latest)) {
      return violation(field, "IN_FUTURE", "日期不能晚于 " + latest);
    }
    return Optional.empty();
  }

  /**
   * A moment an outside system reports (a signature, a registration): at most {@code past} before
   * {@code now} and at most {@code aheadAllowed} after it (the other system's clock may run a little
   * ahead). A time years away is a forged or broken report.
   */
  public static Optional<FieldViolation> instantNear(String field, Instant value, Instant now, Duration past,
      Duration aheadAllowed) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBefore(now.minus(past))) {
      return violation(field, "TOO_EARLY", "时间不能早于 " + past.toDays() + " 天前");
    }
    if (value.isAfter(now.plus(aheadAllowed))) {
      return violation(field, "IN_FUTURE", "时间不能晚于当前时间");
    }
    return Optional.empty();
  }

  /** Refuses the request (400 naming each field) when any of the checks found a violation. */
  @SafeVarargs
  public static void refuseIfAny(Optional<FieldViolation>... checks) {
    List<FieldViolation> violations = Arrays.stream(checks).flatMap(Optional::stream).toList();
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations);
    }
  }

  /** A text with a length limit: too long, or {@link #singleLine} violations. */
  public static Optional<FieldViolation> singleLine(String field, String value, int maxLength) {
    if (value != null && value.length() > maxLength) {
      return violation(field, "TOO_LONG", "不能超过 " + maxLength + " 个字符");
    }
    return singleLine(field, value);
  }

  private static boolean isLineBreakOrTab(char c) {
    return c == '\n' || c == '\r' || c == '\t';
  }

  /** Bidirectional embeddings, overrides, isolates and marks (Unicode Bidi_Control). */
  private static boolean isDirectionControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E' || c == '\u200F' || c == '\u061C';
  }

  /** Zero-width and other format characters, and fillers that render as nothing. */
  private static boolean isFormatOrInvisible(int codePoint) {
    return Character.getType(codePoint) == Character.FORMAT
        || codePoint == 0x3164 || codePoint == 0xFFA0 || codePoint == 0x115F || codePoint == 0x1160
        || codePoint == 0x2800 || codePoint == 0x034F || (codePoint >= 0xFE00 && codePoint <= 0xFE0F);
  }

  private static Optional<FieldViolation> violation(String field, String code, String message) {
    return Optional.of(new FieldViolation(field, code, message));
  }
}
