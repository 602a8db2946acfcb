package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How a value sits in the Chinese sentence of a mail, the same in every template: a date (written 2027年1月7日,
 * {@link com.smeloanflow.platform.ChineseDates}) touches the Chinese around it (已于2027年1月7日发放); an ASCII value (an
 * id, an amount, a count) is set off by one space (借据 LN… 已于, 人民币 100000.00 元); a Chinese value (a name) touches
 * it. A lint over the template files, so that a new mail cannot write 自 ${x} 起 where the others write 自${x}起.
 */
class MailTemplateSpacingTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
  /** The placeholders a provider fills with a date (ChineseDates.day or .minute): named for the day or moment. */
  private static final Pattern DATE_NAME = Pattern.compile("today|\\w*(Date|On|Until|At|Since)");

  @Test
  void aDateInAMailTouchesTheChineseAroundIt() {
    List<String> spaced = new ArrayList<>();
    forEachPlaceholder((where, name, before, after) -> {
      if (DATE_NAME.matcher(name).matches() && (spacedFromChinese(before, true) || spacedFromChinese(after, false))) {
        spaced.add(where);
      }
    });
    assertThat(spaced).as("write 已于${disbursedOn}发放, not 已于 ${disbursedOn} 发放").isEmpty();
  }

  @Test
  void everyPlaceholderIsSpacedTheSameWayInEveryTemplate() {
    Map<String, TreeSet<String>> ways = new TreeMap<>();
    Map<String, List<String>> where = new TreeMap<>();
    forEachPlaceholder((at, name, before, after) -> {
      for (boolean left : new boolean[] {true, false}) {
        String side = left ? before : after;
        if (spacedFromChinese(side, left) || touchesChinese(side, left)) {
          ways.computeIfAbsent(name, n -> new TreeSet<>()).add(spacedFromChinese(side, left) ? "spaced" : "touching");
          where.computeIfAbsent(name, n -> new ArrayList<>()).add(at);
        }
      }
    });
    Map<String, List<String>> mixed = new TreeMap<>();
    ways.forEach((name, seen) -> {
      if (seen.size() > 1) {
        mixed.put(name, where.get(name));
      }
    });
    assertThat(mixed).as("a value spaced from the Chinese in one place and touching it in another").isEmpty();
  }

  @Test
  void anAsciiValueIsSetOffFromTheChineseByOneSpace() {
    List<String> touching = new ArrayList<>();
    forEachPlaceholder((where, name, before, after) -> {
      if (ASCII_VALUES.contains(name) && (touchesChinese(before, true) || touchesChinese(after, false))) {
        touching.add(where);
      }
    });
    assertThat(touching).as("write 借据 ${loanId} 已于, 人民币 ${approvedAmount} 元").isEmpty();
  }

  /** Ids, amounts and counts: ASCII, whatever the mail. */
  private static final java.util.Set<String> ASCII_VALUES = java.util.Set.of("applicationId", "loanId", "lineId",
      "transactionId", "requestedAmount", "approvedAmount", "renewalAmount", "creditLimit", "termMonths", "daysPastDue");

  private interface PlaceholderVisitor {
    void visit(String where, String name, String before, String after);
  }

  private static void forEachPlaceholder(PlaceholderVisitor visitor) {
    for (MailTemplate template : MailTemplate.values()) {
      String[] lines = read(template).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = PLACEHOLDER.matcher(lines[i]);
        while (m.find()) {
          String before = lines[i].substring(Math.max(0, m.start() - 2), m.start());
          String after = lines[i].substring(m.end(), Math.min(lines[i].length(), m.end() + 2));
          visitor.visit(template.resource() + ":" + (i + 1) + " " + lines[i].strip(), m.group(1), before, after);
        }
      }
    }
  }

  /** One space between the value and a Chinese character ({@code side} the two characters before or after it). */
  private static boolean spacedFromChinese(String side, boolean before) {
    if (side.length() < 2) {
      return false;
    }
    char next = before ? side.charAt(1) : side.charAt(0);
    char beyond = before ? side.charAt(0) : side.charAt(1);
    return next == ' ' && isChinese(beyond);
  }

  private static boolean touchesChinese(String side, boolean before) {
    return !side.isEmpty() && isChinese(before ? side.charAt(side.length() - 1) : side.charAt(0));
  }

  private static boolean isChinese(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  private static String read(MailTemplate template) {
    try (InputStream in = MailTemplateSpacingTest.class.getClassLoader().getResourceAsStream(template.resource())) {
      assertThat(in).as(template.resource()).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
