package com.smeloanflow.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.support.AbstractIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bank calendar of 2026 as the State Council published it (V70), and working time counted on it
 * with the default working hours 09:00–12:00 and 13:00–17:00 (seven hours a day).
 */
class BankCalendarTest extends AbstractIntegrationTest {

  @Autowired BankCalendar calendar;

  private static Instant cst(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BusinessClock.BANK_ZONE).toInstant();
  }

  @Test
  void nationalDayWeekIsOffAndItsMakeUpSaturdayIsAWorkingDay() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 30))).as("Wednesday before the holiday").isTrue();
    for (int day = 1; day <= 7; day++) {
      assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, day))).as("2026-10-0%d 国庆节", day).isFalse();
    }
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).as("Saturday 2026-10-10 调休上班").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 11))).as("an ordinary Sunday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 20))).as("Sunday 2026-09-20 调休上班").isTrue();
  }

  @Test
  void springFestivalHasTwoMakeUpSaturdays() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).as("除夕").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 23))).as("正月初七").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 24))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 28))).isTrue();
  }

  @Test
  void fiveWorkingDaysFromTheTuesdayBeforeNationalDayEndOnTheMondayAfterTheMakeUpSaturday() {
    // 9-30 (1), holiday 10-01..07, 10-08 (2), 10-09 (3), Saturday 10-10 調休 (4), 10-12 (5)
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 29), 5)).isEqualTo(LocalDate.of(2026, 10, 12));
    assertThat(calendar.workingDaysAfter(cst("2026-09-29T15:20:00"), 5)).isEqualTo(cst("2026-10-12T15:20:00"));
  }

  @Test
  void theLastWorkingDayBeforeADayOffSkipsWeekendsAndHolidaysAndFindsAMakeUpSaturday() {
    assertThat(calendar.lastWorkingDayBefore(LocalDate.of(2026, 10, 4))).as("in the National Day week").isEqualTo(LocalDate.of(2026, 9, 30));
    assertThat(calendar.lastWorkingDayBefore(LocalDate.of(2026, 10, 11))).as("Sunday after the make-up Saturday")
        .isEqualTo(LocalDate.of(2026, 10, 10));
    assertThat(calendar.lastWorkingDayBefore(LocalDate.of(2026, 12, 6))).as("an ordinary Sunday").isEqualTo(LocalDate.of(2026, 12, 4));
    assertThat(calendar.lastWorkingDayBefore(LocalDate.of(2026, 12, 8))).as("a Tuesday").isEqualTo(LocalDate.of(2026, 12, 7));
  }

  @Test
  void workingHoursSkipNightsLunchAndTheHolidayAndCountTheMakeUpSaturday() {
    // 16:00 on 9-30: one hour that day; the holiday week does not count; 10-08 brings seven.
    assertThat(calendar.addWorkingTime(cst("2026-09-30T16:00:00"), Duration.ofHours(1))).isEqualTo(cst("2026-09-30T17:00:00"));
    assertThat(calendar.addWorkingTime(cst("2026-09-30T16:00:00"), Duration.ofHours(8))).isEqualTo(cst("2026-10-08T17:00:00"));
    assertThat(calendar.addWorkingTime(cst("2026-09-30T16:00:00"), Duration.ofHours(4))).isEqualTo(cst("2026-10-08T12:00:00"));
    // Friday 10-09 16:30: half an hour, then the make-up Saturday counts.
    assertThat(calendar.addWorkingTime(cst("2026-10-09T16:30:00"), Duration.ofHours(2))).isEqualTo(cst("2026-10-10T10:30:00"));
    // A start in the lunch break or at night counts from the next working period.
    assertThat(calendar.addWorkingTime(cst("2026-10-12T12:20:00"), Duration.ofMinutes(30))).isEqualTo(cst("2026-10-12T13:30:00"));
    assertThat(calendar.addWorkingTime(cst("2026-10-12T22:00:00"), Duration.ofHours(1))).isEqualTo(cst("2026-10-13T10:00:00"));
  }

  @Test
  void workingTimeBetweenTwoMomentsCountsOnlyWorkingHours() {
    assertThat(calendar.workingTimeBetween(cst("2026-09-30T16:00:00"), cst("2026-10-08T10:00:00"))).isEqualTo(Duration.ofHours(2));
    assertThat(calendar.workingTimeBetween(cst("2026-10-09T09:00:00"), cst("2026-10-12T09:00:00")))
        .as("Friday and the make-up Saturday").isEqualTo(Duration.ofHours(14));
    assertThat(calendar.workingTimeBetween(cst("2026-10-12T09:00:00"), cst("2026-10-09T09:00:00"))).isZero();
  }

  /**
   * Against a count of each working minute, over 300 pairs of moments (seeded, so every run asks the same) in the
   * weeks around National Day: the holiday, the make-up days, lunch, the evenings, a moment inside a period, the
   * same day, and pairs across the year's end.
   */
  @Test
  void workingTimeBetweenAgreesWithCountingEachWorkingMinute() {
    Random random = new Random(20261001);
    for (int i = 0; i < 300; i++) {
      LocalDateTime from = AROUND_NATIONAL_DAY.plusMinutes(random.nextInt(MINUTES_IN_RANGE));
      LocalDateTime to = from.plusMinutes(random.nextInt(i % 3 == 0 ? 60 * 24 : 60 * 24 * 21));
      assertThat(calendar.workingTimeBetween(cst(from), cst(to))).as("%s to %s", from, to).isEqualTo(workingMinutes(from, to));
    }
  }

  /**
   * A counter made for the National Day weeks only (as the dashboard makes one for its period) counts the same as
   * each working minute for pairs inside those days, and for pairs starting before them or ending after them.
   */
  @Test
  void aCounterForSomeDaysAgreesWithCountingEachWorkingMinuteAlsoOutsideThem() {
    WorkingTimeCounter counter = calendar.workingTimeCounter(LocalDate.of(2026, 9, 28), LocalDate.of(2026, 10, 16));
    Random random = new Random(20261008);
    for (int i = 0; i < 300; i++) {
      LocalDateTime from = AROUND_NATIONAL_DAY.plusMinutes(random.nextInt(MINUTES_IN_RANGE));
      LocalDateTime to = from.plusMinutes(random.nextInt(i % 3 == 0 ? 60 * 24 : 60 * 24 * 45));
      assertThat(counter.between(cst(from), cst(to))).as("%s to %s", from, to).isEqualTo(workingMinutes(from, to));
    }
    assertThat(counter.between(cst("2026-10-09T09:00:00"), cst("2026-10-12T09:00:00"))).as("Friday and the make-up Saturday")
        .isEqualTo(Duration.ofHours(14));
    assertThat(counter.between(cst("2026-10-12T09:00:00"), cst("2026-10-09T09:00:00"))).isZero();
  }

  private static final LocalDateTime AROUND_NATIONAL_DAY = LocalDateTime.parse("2026-09-14T00:00:00");
  private static final int MINUTES_IN_RANGE = 60 * 24 * 120;

  private static Instant cst(LocalDateTime localDateTime) {
    return localDateTime.atZone(BusinessClock.BANK_ZONE).toInstant();
  }

  /** Each minute from {@code from} to {@code to} within 09:00-12:00 or 13:00-17:00 of a working day. */
  private Duration workingMinutes(LocalDateTime from, LocalDateTime to) {
    Map<LocalDate, Boolean> workingDays = new HashMap<>();
    long minutes = 0;
    for (LocalDateTime minute = from; minute.isBefore(to); minute = minute.plusMinutes(1)) {
      LocalTime time = minute.toLocalTime();
      boolean inPeriod = !time.isBefore(LocalTime.of(9, 0)) && time.isBefore(LocalTime.of(12, 0))
          || !time.isBefore(LocalTime.of(13, 0)) && time.isBefore(LocalTime.of(17, 0));
      if (inPeriod && workingDays.computeIfAbsent(minute.toLocalDate(), calendar::isWorkingDay)) {
        minutes++;
      }
    }
    return Duration.ofMinutes(minutes);
  }

  @Test
  void aYearWithoutATableCountsMondayToFriday() {
    int unloaded = 2099;
    assertThat(calendar.loadedYears()).doesNotContain(unloaded);
    assertThat(calendar.isWorkingDay(LocalDate.of(unloaded, 1, 1))).as("a Thursday").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(unloaded, 1, 3))).as("a Saturday").isFalse();
  }

  @Test
  void aTableIsRefusedWithEveryBadDayNamedAndNothingIsLoaded() {
    LoadBankCalendarYear bad = new LoadBankCalendarYear("通知", List.of(
        new BankCalendarYear.Day(LocalDate.of(2098, 1, 1), "元旦"),
        new BankCalendarYear.Day(LocalDate.of(2097, 5, 1), "劳动节"),
        new BankCalendarYear.Day(LocalDate.of(2098, 1, 1), "元旦")),
        List.of(new BankCalendarYear.Day(LocalDate.of(2098, 1, 6), "周一上班"),
            new BankCalendarYear.Day(LocalDate.of(2098, 1, 4), "\u202E调休")));

    assertThatThrownBy(() -> calendar.load(2098, bad, "admin")).isInstanceOfSatisfying(InvalidFieldsException.class,
        refused -> assertThat(refused.violations()).extracting(v -> v.field() + " " + v.code()).containsExactlyInAnyOrder(
            "holidays[1].date OTHER_YEAR", "holidays[2].date DUPLICATE", "makeUpWorkingDays[0].date NOT_A_WEEKEND",
            "makeUpWorkingDays[1].name DIRECTION_OVERRIDE"));
    assertThat(calendar.loadedYears()).doesNotContain(2098);
  }

  @Test
  void aLoadedTableReplacesTheYearAndAppliesAtOnce() {
    int year = 2097;
    LocalDate newYearsDay = LocalDate.of(year, 1, 1); // a Tuesday
    LocalDate saturday = LocalDate.of(year, 1, 5);
    assertThat(calendar.isWorkingDay(newYearsDay)).isTrue();

    calendar.load(year, new LoadBankCalendarYear("测试通知", List.of(new BankCalendarYear.Day(newYearsDay, "元旦")),
        List.of(new BankCalendarYear.Day(saturday, "元旦调休上班"))), "admin");

    assertThat(calendar.isWorkingDay(newYearsDay)).isFalse();
    assertThat(calendar.isWorkingDay(saturday)).isTrue();
    BankCalendarYear loaded = calendar.year(year);
    assertThat(loaded.loadedBy()).isEqualTo("admin");
    assertThat(loaded.holidays()).extracting(BankCalendarYear.Day::name).containsExactly("元旦");

    calendar.load(year, new LoadBankCalendarYear(null, List.of(new BankCalendarYear.Day(LocalDate.of(year, 5, 1), "劳动节")),
        List.of()), "admin");
    assertThat(calendar.isWorkingDay(newYearsDay)).as("replaced, not added to").isTrue();
    assertThat(calendar.isWorkingDay(saturday)).isFalse();
  }
}
