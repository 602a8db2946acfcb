package com.smeloanflow.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.smeloanflow.intake.Product;
import com.smeloanflow.intake.ResidentIdNumber;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a whitelist file and checking its lines on their own (no database). */
class WhitelistFileTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  private static final String HEADER = "统一社会信用代码,企业名称,法定代表人,手机号码,预估额度,建议产品,来源模型,模型日期";
  private static final String GOOD = "91520303MA6DKQ8X4A,遵义市汇川区明达机械加工有限公司,张明,13985012345,300000.00,CREDIT_QUICK,TAX-WL-2.1,2026-11-20";

  private static WhitelistRowCheck.Checked onlyLine(String csv) {
    WhitelistFile file = WhitelistFile.parse(csv, "whitelist");
    return WhitelistRowCheck.check(file.rows().get(0), file.columns().size(), TODAY);
  }

  private static List<String> codes(WhitelistRowCheck.Checked checked) {
    return checked.reasons().stream().map(r -> r.field() + ":" + r.code()).toList();
  }

  @Test
  void readsAWhitelistAsExcelSavesItWithItsByteOrderMarkAndChineseHeader() {
    WhitelistRowCheck.Checked line = onlyLine("\uFEFF" + HEADER + "\r\n" + GOOD + "\r\n\r\n");

    assertThat(line.accepted()).as(line.reasons().toString()).isTrue();
    assertThat(line.row().line()).isEqualTo(2);
    assertThat(line.data().creditCode()).isEqualTo("91520303MA6DKQ8X4A");
    assertThat(line.data().estimatedLimit()).isEqualByComparingTo("300000.00");
    assertThat(line.data().suggestedProduct()).isEqualTo(Product.CREDIT_QUICK);
    assertThat(line.data().sourceDate()).isEqualTo(LocalDate.of(2026, 11, 20));
  }

  @Test
  void takesEnglishColumnKeysInAnyOrderQuotedCommasAndTheProductsChineseName() {
    WhitelistRowCheck.Checked line = onlyLine("""
        sourceDate,mobile,creditCode,enterpriseName,legalRepName,estimatedLimit,suggestedProduct,sourceModel,legalRepIdNumber
        2026/11/20,13985012345,91520303ma6dkq8x4a,"明达机械加工有限公司, 汇川分厂",张明,"1,200,000.00",抵押快贷,TAX-WL-2.1,52030219850714321x
        """);

    assertThat(line.accepted()).as(line.reasons().toString()).isTrue();
    assertThat(line.data().enterpriseName()).isEqualTo("明达机械加工有限公司, 汇川分厂");
    assertThat(line.data().estimatedLimit()).isEqualTo(new BigDecimal("1200000.00"));
    assertThat(line.data().suggestedProduct()).isEqualTo(Product.MORTGAGE_QUICK);
    assertThat(line.data().creditCode()).isEqualTo("91520303MA6DKQ8X4A");
    assertThat(line.data().legalRepIdNumber()).isEqualTo("52030219850714321X");
  }

  @Test
  void refusesALineForEveryBadValueNamingItsColumn() {
    WhitelistRowCheck.Checked line = onlyLine(HEADER + ",法定代表人身份证号\n"
        + "91520303MA6DKQ8X4B,,张明,23985012345,2000000,CREDIT_QUICK,TAX-WL-2.1,2026-12-02,520302198507143211\n");

    assertThat(line.accepted()).isFalse();
    assertThat(codes(line)).containsExactlyInAnyOrder("creditCode:INVALID_CHECK_CHARACTER", "enterpriseName:REQUIRED",
        "legalRepIdNumber:INVALID_CHECK_DIGIT", "mobile:INVALID_FORMAT", "estimatedLimit:OUT_OF_PRODUCT_RANGE",
        "sourceDate:IN_FUTURE");
  }

  /** A minor may not be an enterprise's legal representative: the line is refused at import, not the application later. */
  @Test
  void refusesALineWhoseLegalRepresentativeIsUnder18FromTheirBirthDateOnTheir18thBirthdayTakesIt() {
    String turns18Tomorrow = idNumberBornOn(TODAY.minusYears(18).plusDays(1));
    String turns18Today = idNumberBornOn(TODAY.minusYears(18));

    WhitelistRowCheck.Checked minor = onlyLine(HEADER + ",法定代表人身份证号\n" + GOOD + "," + turns18Tomorrow);

    assertThat(minor.reasons()).extracting(FieldViolation::field, FieldViolation::code, FieldViolation::message)
        .containsExactly(tuple("legalRepIdNumber", "UNDER_AGE", "法定代表人未满18周岁, 不具有完全民事行为能力"));
    WhitelistRowCheck.Checked adult = onlyLine(HEADER + ",法定代表人身份证号\n" + GOOD + "," + turns18Today);
    assertThat(adult.accepted()).as(adult.reasons().toString()).isTrue();
  }

  private static String idNumberBornOn(LocalDate birthDate) {
    String first17 = "520302" + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + "432";
    return first17 + ResidentIdNumber.checkDigit(first17);
  }

  @Test
  void refusesAnUnknownProductNamingTheProductsThereAre() {
    WhitelistRowCheck.Checked line = onlyLine(HEADER + "\n" + GOOD.replace("CREDIT_QUICK", "消费贷"));

    assertThat(line.reasons()).singleElement().satisfies(reason -> {
      assertThat(reason.code()).isEqualTo("UNKNOWN_PRODUCT");
      assertThat(reason.message()).contains("消费贷", "信用快贷");
    });
  }

  @Test
  void refusesALineWithMoreCellsThanTheHeader() {
    assertThat(codes(onlyLine(HEADER + "\n" + GOOD + ",多余的列"))).containsExactly("line:TOO_MANY_CELLS");
  }

  @Test
  void refusesTheWholeFileWhenARequiredColumnIsMissingOrAColumnIsUnknownOrRepeated() {
    assertThatThrownBy(() -> WhitelistFile.parse("统一社会信用代码,企业名称,籍贯,企业名称\n" + GOOD, "whitelist"))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations()).extracting(FieldViolation::code)
            .contains("UNKNOWN_COLUMN", "DUPLICATE_COLUMN", "MISSING_COLUMN"));
  }

  @Test
  void refusesAFileWithoutLinesOrWithTooMany() {
    assertThatThrownBy(() -> WhitelistFile.parse(HEADER + "\n\n", "whitelistCsv"))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations().get(0))
            .isEqualTo(new FieldViolation("whitelistCsv", "NO_ROWS", "白名单只有表头, 没有企业")));
    assertThatThrownBy(() -> WhitelistFile.parse(HEADER + ("\n" + GOOD).repeat(WhitelistFile.MAX_ROWS + 1), "whitelist"))
        .isInstanceOfSatisfying(InvalidFieldsException.class, e -> assertThat(e.violations().get(0).code()).isEqualTo("TOO_MANY_ROWS"));
    assertThatThrownBy(() -> WhitelistFile.parse("  ", "whitelist")).isInstanceOf(InvalidFieldsException.class);
  }

  @Test
  void aMobileNumberStartingWith12IsRefusedWithTheRuleItBreaks() {
    WhitelistRowCheck.Checked line = onlyLine(HEADER + "\n" + GOOD.replace("13985012345", "12985012345"));

    assertThat(line.reasons()).extracting(FieldViolation::field, FieldViolation::message)
        .containsExactly(tuple("mobile", "手机号码应为11位, 以13至19开头"));
  }
}
