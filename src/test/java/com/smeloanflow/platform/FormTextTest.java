package com.smeloanflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A built-up form text keeps within what the engine stores in a string variable, saying what it leaves out. */
class FormTextTest {

  private static final String HEADER = "| 日期 | 情况 |\n|---|---|\n";

  private static String row(String day, String notes) {
    return "| " + day + " | " + notes + " |\n";
  }

  @Test
  void aTextShortenedKeepingItsEndSaysSoAtItsStartAndNeverSplitsACharacterPair() {
    String reasons = "早".repeat(1000) + "; 𠀀最新冻结原因";

    String shown = FormText.shortenKeepingEnd(reasons, 20);

    assertThat(shown).hasSizeLessThanOrEqualTo(20).startsWith(FormText.CUT_BEFORE).endsWith("; 𠀀最新冻结原因");
    assertThat(FormText.shortenKeepingEnd(reasons, FormText.CUT_BEFORE.length() + 7)).as("not half of 𠀀")
        .isEqualTo(FormText.CUT_BEFORE + "最新冻结原因");
    assertThat(FormText.shortenKeepingEnd("实际控制人失联", 600)).isEqualTo("实际控制人失联");
  }

  @Test
  void aShortTableIsShownWhole() {
    List<String> rows = List.of(row("2026-01-01", "借款人拒绝还款"), row("2026-01-02", "继续催收"));

    assertThat(FormText.newestRows(HEADER, rows, "联系记录")).isEqualTo(HEADER + rows.get(0) + rows.get(1));
  }

  @Test
  void theNewestRowsThatFitAreShownInFullAndTheEarlierOnesCounted() {
    List<String> rows = List.of(row("2026-01-01", "甲".repeat(1900)), row("2026-01-02", "乙".repeat(1900)),
        row("2026-01-03", "丙".repeat(1800)), row("2026-01-04", "丁".repeat(100)));

    String text = FormText.newestRows(HEADER, rows, "联系记录");

    assertThat(text).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS)
        .isEqualTo("更早的 2 条联系记录未显示\n\n" + HEADER + rows.get(2) + rows.get(3));
  }

  @Test
  void aNewestRowTooLongOnItsOwnIsShortenedAndSaysSo() {
    List<String> rows = List.of(row("2026-01-01", "早"), row("2026-01-02", "长".repeat(5000)));

    String text = FormText.newestRows(HEADER, rows, "还款承诺");

    assertThat(text).hasSize(FormText.MAX_CHARACTERS).startsWith("更早的 1 条还款承诺未显示\n\n" + HEADER + "| 2026-01-02 | 长长")
        .endsWith("长" + FormText.CUT + " |\n");
  }

  @Test
  void aListsNewestEntryTooLongOnItsOwnIsShortenedWithoutATableRowsEnd() {
    List<String> entries = List.of("2026-01-01 zy001-cm: 有意向; ", "2026-01-02 zy001-cm: 再联系 — " + "长".repeat(5000));

    String text = FormText.newestRows("", entries, "联系记录");

    assertThat(text).hasSize(FormText.MAX_CHARACTERS).startsWith("更早的 1 条联系记录未显示\n\n2026-01-02 zy001-cm: 再联系 — 长")
        .endsWith("长" + FormText.CUT);
  }

  @Test
  void aTextIsNeverCutInsideACharacterPair() {
    String text = "a".repeat(10) + "😀".repeat(20);

    String shortened = FormText.shorten(text, 10 + FormText.CUT.length() + 3);

    assertThat(shortened).isEqualTo("a".repeat(10) + "😀" + FormText.CUT);
    assertThat(FormText.shorten("短", 5)).isEqualTo("短");
  }

  @Test
  void aListShownNewestFirstKeepsTheNewestEntriesThatFitAndEndsSayingHowManyEarlierOnesItLeavesOut() {
    List<String> newestFirst = List.of("- 丁" + "丁".repeat(99), "- 丙" + "丙".repeat(1800), "- 乙" + "乙".repeat(1900),
        "- 甲" + "甲".repeat(1900));

    String text = FormText.newestFirst(newestFirst, "贷后检查", FormText.MAX_CHARACTERS);

    assertThat(text).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS)
        .isEqualTo(newestFirst.get(0) + "\n" + newestFirst.get(1) + "\n- 更早的 2 条贷后检查未显示");
    assertThat(FormText.newestFirst(newestFirst.subList(0, 2), "贷后检查", FormText.MAX_CHARACTERS))
        .isEqualTo(newestFirst.get(0) + "\n" + newestFirst.get(1));
    assertThat(FormText.newestFirst(List.of(), "贷后检查", FormText.MAX_CHARACTERS)).isEmpty();
  }

  @Test
  void aNewestEntryTooLongForTheRoomGivenIsShortenedAndSaysSo() {
    List<String> newestFirst = List.of("- " + "长".repeat(3000), "- 早");

    String text = FormText.newestFirst(newestFirst, "预警信号", 1000);

    assertThat(text).hasSize(1000).startsWith("- 长长").endsWith("长" + FormText.CUT + "\n- 更早的 1 条预警信号未显示");
  }

  @Test
  void aListShownInTheOrderGivenKeepsTheFirstEntriesThatFitAndEndsWithWhatItSaysOfTheRest() {
    List<String> lines = List.of("- 第 2 行" + "甲".repeat(1900), "- 第 3 行" + "乙".repeat(1800), "- 第 4 行" + "丙".repeat(99),
        "- 第 5 行 丁");

    String text = FormText.firstEntries(lines, left -> "- …… 其余 " + left + " 行", FormText.MAX_CHARACTERS);

    assertThat(text).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS)
        .isEqualTo(lines.get(0) + "\n" + lines.get(1) + "\n- …… 其余 2 行");
    assertThat(FormText.firstEntries(List.of("- " + "长".repeat(5000), "- 短"), left -> "- …… 其余 " + left + " 行", 1000))
        .hasSize(1000).endsWith("长" + FormText.CUT + "\n- …… 其余 1 行");
    assertThat(FormText.firstEntries(lines.subList(2, 4), left -> "- …… 其余 " + left + " 行", FormText.MAX_CHARACTERS))
        .isEqualTo(lines.get(2) + "\n" + lines.get(3));
  }

  @Test
  void aListShownUpToSoManyEntriesSaysHowManyItLeavesOutBeyondThemAndForWantOfRoom() {
    List<String> newestFirst = List.of("- 戊", "- 丁", "- 丙" + "丙".repeat(1900), "- 乙" + "乙".repeat(1900), "- 甲");

    assertThat(FormText.firstEntries(newestFirst.subList(0, 2), 2, left -> "- 其余 " + left + " 条", FormText.MAX_CHARACTERS))
        .as("none beyond them: nothing to say").isEqualTo("- 戊\n- 丁");
    assertThat(FormText.firstEntries(List.of("- 戊", "- 丁", "- 甲"), 2, left -> "- 其余 " + left + " 条",
        FormText.MAX_CHARACTERS)).as("all would fit, one is beyond the two").isEqualTo("- 戊\n- 丁\n- 其余 1 条");
    assertThat(FormText.firstEntries(newestFirst, 4, left -> "- 其余 " + left + " 条", FormText.MAX_CHARACTERS))
        .as("the fourth does not fit: counted with the one beyond the four")
        .isEqualTo(newestFirst.get(0) + "\n" + newestFirst.get(1) + "\n" + newestFirst.get(2) + "\n- 其余 2 条");
  }

  @Test
  void aListShownOldestFirstKeepsTheNewestEntriesThatFitAndStartsSayingHowManyEarlierOnesItLeavesOut() {
    List<String> oldestFirst = List.of("- 甲" + "甲".repeat(1900), "- 乙" + "乙".repeat(1900), "- 丙" + "丙".repeat(1800),
        "- 丁" + "丁".repeat(99));

    String text = FormText.newestLast(oldestFirst, "审查审批记录", FormText.MAX_CHARACTERS);

    assertThat(text).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS)
        .isEqualTo("- 更早的 2 条审查审批记录未显示\n" + oldestFirst.get(2) + "\n" + oldestFirst.get(3));
  }

  @Test
  void everyEntryStaysVisibleTheLongestShortenedToAShareOfTheRoomAndTheShortOnesWhole() {
    List<String> entries = List.of("- 甲: 同意, " + "甲".repeat(2000), "- 乙: 反对, 理由简短", "- 丙: 退回补充, " + "丙".repeat(2000));

    String text = FormText.shortenEach(entries, FormText.MAX_CHARACTERS);

    assertThat(text).hasSizeLessThanOrEqualTo(FormText.MAX_CHARACTERS).contains("\n- 乙: 反对, 理由简短\n");
    List<String> lines = List.of(text.split("\n"));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("- 甲: 同意, 甲").endsWith(FormText.CUT).hasSizeGreaterThan(1800);
    assertThat(lines.get(2)).startsWith("- 丙: 退回补充, 丙").endsWith(FormText.CUT).hasSizeGreaterThan(1800);
    assertThat(FormText.shortenEach(List.of("- 甲: 同意", "- 乙: 反对"), FormText.MAX_CHARACTERS)).isEqualTo("- 甲: 同意\n- 乙: 反对");
  }

  @Test
  void entriesOnOneLineKeepWithinTheRoomCountingTheirSeparators() {
    List<String> questions = List.of("committee1: " + "甲".repeat(1000), "committee2: " + "乙".repeat(1000),
        "committee3: " + "丙".repeat(1000), "committee4: " + "丁".repeat(1000));

    String text = FormText.shortenEach(questions, "; ", FormText.MAX_CHARACTERS);

    assertThat(text).hasSize(FormText.MAX_CHARACTERS).doesNotContain("\n").contains(FormText.CUT + "; committee2: 乙")
        .startsWith("committee1: 甲").endsWith("丁" + FormText.CUT);
    assertThat(FormText.shortenEach(List.of("甲: 问", "乙: 问"), "; ", FormText.MAX_CHARACTERS)).isEqualTo("甲: 问; 乙: 问");
  }
}
