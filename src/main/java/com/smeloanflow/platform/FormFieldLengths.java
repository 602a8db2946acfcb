package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The length limits of a Camunda Form's text fields ({@code textfield}, {@code textarea}): each field's
 * {@code validate.maxLength} and {@code validate.minLength}, by its {@code key}, with its label. Fields in groups are
 * found at any depth; a field without a key (text, images) or without a limit has none; a group or dynamic list with a
 * {@code path} binds its fields under that path, inside one variable that is not text, so they are left out.
 *
 * <p>A value is counted as Tasklist's form-js counts it: the length of the text without the whitespace at its ends
 * (JavaScript's {@code trim()}), in UTF-16 code units (JavaScript's {@code length}, the same as Java's
 * {@link String#length()}); an empty value meets any limit, as it does in the browser ({@code required} is the
 * services' business).
 *
 * <p>Whatever the form says, a submitted text must also fit where the engine stores it ({@link #STORED_TEXT_LENGTH}),
 * counted in full, the whitespace at its ends included: the engine stores the value as submitted.
 */
public final class FormFieldLengths {

  /**
   * The most characters of a text the engine stores: a string variable goes to a {@code VARCHAR(4000)} column
   * ({@code ACT_RU_VARIABLE.TEXT_}, and in its history {@code ACT_HI_VARINST.TEXT_} and {@code ACT_HI_DETAIL.TEXT_}) in
   * Camunda's DDL for H2 and for PostgreSQL alike; the engine does not check it, so a longer text failed on the column
   * when the command wrote it (a database error, {@code 500}). Counted in UTF-16 code units ({@link String#length()}),
   * as H2 counts; PostgreSQL counts characters (code points), which are never more.
   */
  public static final int STORED_TEXT_LENGTH = 4000;

  /** A form without text fields, or no form: only {@link #STORED_TEXT_LENGTH} applies. */
  public static final FormFieldLengths NONE = new FormFieldLengths(Map.of());

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TEXT_FIELDS = List.of("textfield", "textarea");

  /**
   * The custom property ({@code properties}, which form-js keeps for extensions and does not show) of a text field that
   * says where a text too long for it goes instead, told with its refusal, e.g. the whitelist import's
   * {@code 更大的白名单请通过接口 POST /api/campaigns 导入}.
   */
  static final String TOO_LONG_HINT = "tooLongHint";

  /** The limits of one text field; {@code null} where the form sets none; {@code tooLongHint} ({@link #TOO_LONG_HINT}). */
  record Limit(String label, Integer minLength, Integer maxLength, String tooLongHint) {

    /** The Chinese refusal of a text too long for the field, with the field's hint where it has one. */
    String tooLong(String refusal) {
      return tooLongHint == null ? refusal : refusal + ", " + tooLongHint;
    }
  }

  private final Map<String, Limit> limits;

  private FormFieldLengths(Map<String, Limit> limits) {
    this.limits = Collections.unmodifiableMap(limits);
  }

  /** The limits of the form {@code json} (a deployed {@code .form} resource). */
  public static FormFieldLengths parse(byte[] json) {
    try {
      Map<String, Limit> limits = new LinkedHashMap<>();
      collect(JSON.readTree(json).path("components"), limits);
      return new FormFieldLengths(limits);
    } catch (IOException e) {
      throw new IllegalArgumentException("Not a Camunda Form: " + e.getMessage(), e);
    }
  }

  private static void collect(JsonNode components, Map<String, Limit> limits) {
    for (JsonNode component : components) {
      if (component.hasNonNull("path")) {
        continue;
      }
      collect(component.path("components"), limits);
      JsonNode validate = component.path("validate");
      String key = component.path("key").asText(null);
      Integer min = intOrNull(validate.path("minLength"));
      Integer max = intOrNull(validate.path("maxLength"));
      if (key != null && !key.isBlank() && TEXT_FIELDS.contains(component.path("type").asText()) && (min != null || max != null)) {
        String label = component.path("label").asText("");
        String hint = component.path("properties").path(TOO_LONG_HINT).asText("");
        limits.put(key, new Limit(label.isBlank() ? key : label, min, max, hint.isBlank() ? null : hint.strip()));
      }
    }
  }

  private static Integer intOrNull(JsonNode value) {
    return value.isNumber() ? Integer.valueOf(value.intValue()) : null;
  }

  /** The text fields that have a limit, by key. */
  Map<String, Limit> limits() {
    return limits;
  }

  /**
   * What is wrong with the lengths of the {@code submitted} fields (their keys), values read by {@code valueOf}; empty
   * when every one keeps the form's limits and every text fits where the engine stores it. Names each field by its
   * label (its key where the form has no limit for it), with its key in the English part ({@link StaffText}), e.g.
   * {@code 需补充的问题最多 500 字, 填写了 501 字 (returnQuestion has 501 of at most 500 characters)}. A text within the
   * form's limits that is too long to store (e.g. padded with full-width spaces, which the form does not count) is told
   * as {@code 需补充的问题共 4100 字 (含首尾空白), 超过系统可保存的 4000 字 (returnQuestion has 4100 characters, whitespace at
   * the ends included, more than the 4000 the engine stores)}. Only a {@link String} value is stored as text; a value of
   * another type ({@code null} for one that is not text at all) is checked against the form's limits only.
   */
  public Optional<String> violations(Iterable<String> submitted, Function<String, Object> valueOf) {
    List<String> chinese = new ArrayList<>();
    List<String> english = new ArrayList<>();
    for (String key : submitted) {
      Limit limit = limits.get(key);
      Object value = valueOf.apply(key);
      int length = value == null || limit == null ? 0 : counted(value.toString());
      if (length > 0 && limit.maxLength() != null && length > limit.maxLength()) {
        chinese.add(limit.tooLong(limit.label() + "最多 " + limit.maxLength() + " 字, 填写了 " + length + " 字"));
        english.add(key + " has " + length + " of at most " + limit.maxLength() + " characters");
      } else if (length > 0 && limit.minLength() != null && length < limit.minLength()) {
        chinese.add(limit.label() + "至少 " + limit.minLength() + " 字, 填写了 " + length + " 字");
        english.add(key + " has " + length + " of at least " + limit.minLength() + " characters");
      } else if (value instanceof String text && text.length() > STORED_TEXT_LENGTH) {
        chinese.add(limit == null ? tooLongToStoreChinese(key + " ", text.length())
            : limit.tooLong(tooLongToStoreChinese(limit.label(), text.length())));
        english.add(tooLongToStoreEnglish(key, text.length()));
      }
    }
    return chinese.isEmpty() ? Optional.empty()
        : Optional.of(StaffText.of(String.join("; ", chinese), String.join("; ", english)));
  }

  /**
   * The Chinese part of the refusal of a text of {@code length} characters, more than {@link #STORED_TEXT_LENGTH}, for
   * the field or variable shown as {@code label}: {@code 需补充的问题共 4100 字 (含首尾空白), 超过系统可保存的 4000 字}; a
   * variable no form field labels is shown by its key and a space ({@code remark 共 4001 字 ...}), as EngineApiGuard
   * shows one.
   */
  static String tooLongToStoreChinese(String label, int length) {
    return label + "共 " + length + " 字 (含首尾空白), 超过系统可保存的 " + STORED_TEXT_LENGTH + " 字";
  }

  /** The English part beside {@link #tooLongToStoreChinese}, naming the variable by {@code key}. */
  static String tooLongToStoreEnglish(String key, int length) {
    return key + " has " + length + " characters, whitespace at the ends included, more than the " + STORED_TEXT_LENGTH
        + " the engine stores";
  }

  /** The length form-js counts: without JavaScript's whitespace at the ends, in UTF-16 code units. */
  static int counted(String value) {
    return trimmed(value).length();
  }

  /** {@code value} without the whitespace JavaScript's {@code String.prototype.trim} removes at its ends. */
  static String trimmed(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isJavaScriptWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && isJavaScriptWhitespace(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  /** ECMAScript's WhiteSpace and LineTerminator, which {@code String.prototype.trim} removes. */
  private static boolean isJavaScriptWhitespace(char c) {
    return c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == ' ' || c == '\u00A0'
        || c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029' || c == '\u202F'
        || c == '\u205F' || c == '\u3000' || c == '\uFEFF';
  }
}
