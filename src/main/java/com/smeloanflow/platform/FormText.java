package com.smeloanflow.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * A text built up for a task form (a table of a case's history that grows with the case) kept within what the engine
 * can store. Camunda keeps a string variable in a {@code varchar(4000)} column ({@code ACT_RU_VARIABLE.TEXT_}, and in
 * history {@code ACT_HI_VARINST} and {@code ACT_HI_DETAIL}) on H2 and PostgreSQL alike; a longer one makes the insert
 * fail, and with it the creation of the task, or the completion of the task before it, or the refresh of an open one.
 * {@value #MAX_CHARACTERS} characters keep clear of that limit. Lengths are counted in UTF-16 units
 * ({@link String#length()}), never fewer than the characters PostgreSQL counts, and a text is never cut inside a
 * character pair.
 */
public final class FormText {

  /** The most a built-up form text holds: below the engine's 4000-character string column, with room to spare. */
  public static final int MAX_CHARACTERS = 3800;

  /** What ends a text shortened to fit. */
  public static final String CUT = "…(已截断)";

  /** What starts a text shortened at its beginning ({@link #shortenKeepingEnd}). */
  public static final String CUT_BEFORE = "(前文已截断)…";

  private static final String ROW_END = " |\n";

  private FormText() {}

  /**
   * A markdown table, its header and then its rows (oldest first, each ending with {@code " |\n"}; or a list, its
   * header empty and each entry ending with its separator but the last), within
   * {@value #MAX_CHARACTERS} characters: the newest rows that fit are shown in full and, when older ones are left
   * out, a line before the table says how many ({@code 更早的 3 条联系记录未显示}). A newest row too long on its own
   * is shown shortened, ending {@value #CUT}.
   *
   * @param noun what a row is, as the line about left-out rows names it (联系记录)
   */
  public static String newestRows(String header, List<String> rows, String noun) {
    List<String> newestFirst = new ArrayList<>(rows);
    Collections.reverse(newestFirst);
    int kept = firstThatFit(newestFirst, MAX_CHARACTERS - header.length(), 0,
        left -> left == 0 ? 0 : leftOut(left, noun).length());
    int left = rows.size() - kept;
    StringBuilder text = new StringBuilder();
    if (kept == 0 && !rows.isEmpty()) {
      left = rows.size() - 1;
      String prefix = left == 0 ? "" : leftOut(left, noun);
      String newest = rows.get(rows.size() - 1);
      String end = newest.endsWith(ROW_END) ? ROW_END : ""; // a table's row keeps its end, a list's last entry has none
      String body = newest.substring(0, newest.length() - end.length());
      return prefix + header + shorten(body, MAX_CHARACTERS - prefix.length() - header.length() - end.length()) + end;
    }
    if (left > 0) {
      text.append(leftOut(left, noun));
    }
    text.append(header);
    rows.subList(left, rows.size()).forEach(text::append);
    return text.toString();
  }

  /**
   * A markdown list shown newest first (entries given newest first, each a line starting {@code "- "}, joined by
   * line breaks) within {@code max} characters: the newest entries that fit are shown in full and, when older ones are
   * left out, a last entry says how many ({@code - 更早的 3 条贷后检查未显示}). A newest entry too long on its own is
   * shown shortened, ending {@value #CUT}. No entries give an empty text.
   *
   * @param noun what an entry is, as the line about left-out entries names it (贷后检查)
   * @param max  the most the text may hold, at most {@value #MAX_CHARACTERS} when it is a form value of its own
   */
  public static String newestFirst(List<String> entries, String noun, int max) {
    List<String> shown = newest(entries, noun, max);
    return String.join("\n", shown);
  }

  /**
   * {@link #newestFirst} for a list shown oldest first (entries given oldest first): the same newest entries, in the
   * order given, the line saying how many earlier ones are left out coming first.
   */
  public static String newestLast(List<String> entries, String noun, int max) {
    List<String> newestFirst = new ArrayList<>(entries);
    Collections.reverse(newestFirst);
    List<String> shown = newest(newestFirst, noun, max);
    Collections.reverse(shown);
    return String.join("\n", shown);
  }

  /**
   * A list shown in the order given (entries each a line, joined by line breaks) within {@code max} characters: the
   * first entries that fit are shown in full and, when later ones are left out, a last line says so, {@code leftOut}
   * of how many (the rest of an import report: {@code - …… 其余 12 行见 GET /api/campaigns/WL…}). A first entry too
   * long on its own is shown shortened, ending {@value #CUT}. No entries give an empty text.
   *
   * @param max the most the text may hold, at most {@value #MAX_CHARACTERS} when it is a form value of its own
   */
  public static String firstEntries(List<String> entries, IntFunction<String> leftOut, int max) {
    return firstEntries(entries, entries.size(), leftOut, max);
  }

  /**
   * {@link #firstEntries(List, IntFunction, int)} showing at most the {@code most} first entries (the five newest of a
   * history given newest first): the line about the left-out ones counts those beyond {@code most} too, and is there
   * whenever any entry is left out, for want of room or beyond {@code most}.
   *
   * @param most at least 1
   */
  public static String firstEntries(List<String> entries, int most, IntFunction<String> leftOut, int max) {
    return String.join("\n", first(entries, most, leftOut, max));
  }

  /** The newest entries (given newest first) that fit in {@code max} with the line about the others, newest first. */
  private static List<String> newest(List<String> entries, String noun, int max) {
    return first(entries, entries.size(), left -> leftOutEntry(left, noun), max);
  }

  /**
   * The first entries, at most {@code most}, that fit in {@code max} with the line about the others ({@code leftOut}),
   * in the order given.
   */
  private static List<String> first(List<String> entries, int most, IntFunction<String> leftOut, int max) {
    int kept = Math.min(most, firstThatFit(entries, max, 1, left -> left == 0 ? 0 : 1 + leftOut.apply(left).length()));
    List<String> shown = new ArrayList<>(entries.subList(0, kept));
    int left = entries.size() - kept;
    if (shown.isEmpty() && left > 0) {
      left--;
      String line = left == 0 ? "" : "\n" + leftOut.apply(left);
      shown.add(shorten(entries.get(0), max - line.length()));
    }
    if (left > 0) {
      shown.add(leftOut.apply(left));
    }
    return shown;
  }

  /**
   * How many entries, counted from the first (the newest, for a list given newest first), fit in {@code room}, each
   * after the first preceded by {@code separator} characters, with room left for the line about the {@code left}
   * entries left out ({@code leftOutLength}, 0 when none is).
   */
  private static int firstThatFit(List<String> entries, int room, int separator, IntUnaryOperator leftOutLength) {
    int kept = 0;
    int length = 0;
    for (String entry : entries) {
      int added = (kept == 0 ? 0 : separator) + entry.length();
      if (length + added + leftOutLength.applyAsInt(entries.size() - kept - 1) > room) {
        break;
      }
      length += added;
      kept++;
    }
    return kept;
  }

  /**
   * Every entry (each a line, joined by line breaks) within {@code max} characters, none left out: when they do not all
   * fit, the longest are shortened, ending {@value #CUT}, so that each keeps at least an equal share of the room and the
   * shorter ones stay whole. For a list every entry of which must stay visible (each member's vote in a round).
   *
   * @param max the most the text may hold, at most {@value #MAX_CHARACTERS} when it is a form value of its own
   */
  public static String shortenEach(List<String> entries, int max) {
    return shortenEach(entries, "\n", max);
  }

  /**
   * {@link #shortenEach(List, int)} for entries joined by {@code separator} ({@code "; "}: the questions of a committee's
   * members, on one line).
   */
  public static String shortenEach(List<String> entries, String separator, int max) {
    List<Integer> byLength = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      byLength.add(i);
    }
    byLength.sort((a, b) -> Integer.compare(entries.get(a).length(), entries.get(b).length()));
    String[] shown = new String[entries.size()];
    int room = max - Math.max(0, entries.size() - 1) * separator.length();
    int left = entries.size();
    for (int i : byLength) {
      int share = room / left;
      shown[i] = shorten(entries.get(i), share);
      room -= shown[i].length();
      left--;
    }
    return String.join(separator, shown);
  }

  /** {@code text} as it is when it has at most {@code max} characters, else its beginning ending {@value #CUT}. */
  public static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Math.max(0, max - CUT.length());
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + CUT;
  }

  /**
   * {@code text} within {@code max} characters keeping its end, for a text whose newest part comes last (the reasons a
   * credit line was frozen for, the earliest first): a longer one starts with {@value #CUT_BEFORE} and ends as it does.
   */
  public static String shortenKeepingEnd(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int start = Math.min(text.length(), text.length() - max + CUT_BEFORE.length());
    if (start < text.length() && Character.isLowSurrogate(text.charAt(start))) {
      start++;
    }
    return CUT_BEFORE + text.substring(start);
  }

  private static String leftOutEntry(int count, String noun) {
    return "- 更早的 " + count + " 条" + noun + "未显示";
  }

  private static String leftOut(int count, String noun) {
    return "更早的 " + count + " 条" + noun + "未显示\n\n";
  }
}
