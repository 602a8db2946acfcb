package com.smeloanflow.campaign;

import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whitelist file as text (CSV, RFC 4180: comma-separated, fields with commas, quotes or line breaks in
 * double quotes, quotes doubled), as Excel saves it ("CSV UTF-8" with its byte order mark, or GBK over
 * the API with the charset named). The first line is the header; blank lines are skipped. A file whose
 * structure is wrong (no header, a required column missing, an unknown or repeated column, no data line,
 * too many lines) is refused as a whole; a bad value refuses only its line (see {@link WhitelistRowCheck}).
 */
public final class WhitelistFile {

  /** The most data lines of one file (a branch network's whitelist is a few thousand enterprises). */
  public static final int MAX_ROWS = 5_000;

  /** A data line: its number in the file (the header is line 1) and its cells by column; empty when absent. */
  public record Row(int line, Map<WhitelistColumn, String> cells, int cellCount) {
    public Optional<String> cell(WhitelistColumn column) {
      String value = cells.get(column);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
  }

  private final List<WhitelistColumn> columns;
  private final List<Row> rows;

  private WhitelistFile(List<WhitelistColumn> columns, List<Row> rows) {
    this.columns = columns;
    this.rows = rows;
  }

  public List<WhitelistColumn> columns() {
    return columns;
  }

  public List<Row> rows() {
    return rows;
  }

  /**
   * Reads a whitelist.
   *
   * @param field the name of the field the text came in ({@code whitelist} over the API, the start form's field), for errors
   * @throws InvalidFieldsException when the structure is wrong; names the header or the file
   */
  public static WhitelistFile parse(String text, String field) {
    if (text == null || text.isBlank()) {
      throw refused(field, "REQUIRED", "白名单内容为空");
    }
    List<List<String>> lines = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
    List<List<String>> nonBlank = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).stream().anyMatch(cell -> !cell.isBlank())) {
        nonBlank.add(lines.get(i));
        lineNumbers.add(i + 1);
      }
    }
    if (nonBlank.isEmpty()) {
      throw refused(field, "REQUIRED", "白名单内容为空");
    }
    List<WhitelistColumn> columns = header(nonBlank.get(0));
    if (nonBlank.size() == 1) {
      throw refused(field, "NO_ROWS", "白名单只有表头, 没有企业");
    }
    if (nonBlank.size() - 1 > MAX_ROWS) {
      throw refused(field, "TOO_MANY_ROWS", "一个白名单最多 " + MAX_ROWS + " 家企业, 请分批导入");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < nonBlank.size(); i++) {
      List<String> cells = nonBlank.get(i);
      Map<WhitelistColumn, String> byColumn = new EnumMap<>(WhitelistColumn.class);
      for (int c = 0; c < columns.size() && c < cells.size(); c++) {
        byColumn.put(columns.get(c), cells.get(c));
      }
      rows.add(new Row(lineNumbers.get(i), byColumn, cells.size()));
    }
    return new WhitelistFile(columns, rows);
  }

  private static List<WhitelistColumn> header(List<String> cells) {
    List<FieldViolation> violations = new ArrayList<>();
    Map<WhitelistColumn, Integer> seen = new LinkedHashMap<>();
    List<WhitelistColumn> columns = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i).trim();
      Optional<WhitelistColumn> column = WhitelistColumn.named(cell);
      if (column.isEmpty()) {
        violations.add(new FieldViolation("header[" + i + "]", "UNKNOWN_COLUMN", "未知的列“" + abbreviate(cell)
            + "”; 可用的列: " + String.join("、", java.util.Arrays.stream(WhitelistColumn.values()).map(WhitelistColumn::label).toList())));
      } else if (seen.putIfAbsent(column.get(), i) != null) {
        violations.add(new FieldViolation("header[" + i + "]", "DUPLICATE_COLUMN", "列“" + column.get().label() + "”重复"));
      } else {
        columns.add(column.get());
        continue;
      }
      columns.add(null);
    }
    for (WhitelistColumn column : WhitelistColumn.values()) {
      if (column.required() && !seen.containsKey(column)) {
        violations.add(new FieldViolation("header", "MISSING_COLUMN", "缺少必填列“" + column.label() + "”(" + column.key() + ")"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "白名单表头有误: " + String.join("; ",
          violations.stream().map(FieldViolation::message).toList()));
    }
    return columns;
  }

  /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
  static List<List<String>> records(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.toString().isBlank()) {
        quoted = true;
        cell.setLength(0);
      } else if (c == ',') {
        record.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(cell.toString());
        records.add(record);
        record = new ArrayList<>();
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (!cell.isEmpty() || !record.isEmpty()) {
      record.add(cell.toString());
      records.add(record);
    }
    return records;
  }

  private static InvalidFieldsException refused(String field, String code, String message) {
    return new InvalidFieldsException(List.of(new FieldViolation(field, code, message)), message);
  }

  private static String abbreviate(String text) {
    return text.length() <= 20 ? text : text.substring(0, 20) + "…";
  }
}
