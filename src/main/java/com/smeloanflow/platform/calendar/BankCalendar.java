package com.smeloanflow.platform.calendar;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InputHygiene;
import com.smeloanflow.platform.InvalidFieldsException;
import com.smeloanflow.platform.NotFoundException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bank's calendar (China Standard Time): a day is a working day when it is Monday to Friday and not
 * a public holiday, or when it is a make-up working day (调休上班) of the year's table. Working time is
 * the {@linkplain BankCalendarProperties working hours} of working days.
 *
 * <p>Used by the SLAs of every user task (goal and deadline in working hours) and, as the bean
 * {@code bankCalendar}, by the models' timers that count working days:
 * {@code <bpmn:timeDate>${bankCalendar.workingDaysLater(5)}</bpmn:timeDate>}.
 *
 * <p>Each year's table is loaded by an administrator ({@link #load}). A year without one counts
 * Monday to Friday only, with a warning in the log once per year and node. A node reads a year's table
 * again after {@link #CACHE_TIME}, so a table loaded on another node applies there within a minute; a
 * change applies to deadlines computed afterwards, not to those already set.
 */
@Service("bankCalendar")
public class BankCalendar {

  private static final Logger log = LoggerFactory.getLogger(BankCalendar.class);
  static final Duration CACHE_TIME = Duration.ofMinutes(1);
  static final int MAX_DAYS_PER_LIST = 60;
  /** No SLA or timer looks further ahead than this: a search past it is a misconfiguration. */
  private static final int MAX_DAYS_SEARCHED = 3_700;

  private record YearTable(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkingDays, boolean loaded, long readAtNanos) {}

  private final BankCalendarRepository repository;
  private final BusinessClock clock;
  private final List<BankCalendarProperties.Period> periods;
  private final Map<Integer, YearTable> cache = new ConcurrentHashMap<>();
  private final Set<Integer> warned = ConcurrentHashMap.newKeySet();

  public BankCalendar(BankCalendarRepository repository, BusinessClock clock, BankCalendarProperties properties) {
    this.repository = repository;
    this.clock = clock;
    this.periods = properties.periods();
  }

  // --- days ------------------------------------------------------------------------------------

  public boolean isWorkingDay(LocalDate day) {
    YearTable table = table(day.getYear());
    if (table.holidays().contains(day)) {
      return false;
    }
    if (table.makeUpWorkingDays().contains(day)) {
      return true;
    }
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** The {@code days}-th working day after {@code from} (from itself not counted), e.g. 5 working days after a request. */
  public LocalDate addWorkingDays(LocalDate from, int days) {
    if (days < 0) {
      throw new IllegalArgumentException("days must not be negative: " + days);
    }
    LocalDate day = from;
    for (int counted = 0, searched = 0; counted < days; searched++) {
      if (searched > MAX_DAYS_SEARCHED) {
        throw new IllegalStateException("No " + days + " working days within " + MAX_DAYS_SEARCHED + " days after " + from);
      }
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }

  /** The last working day before {@code day} (day itself not counted), e.g. the working day before a maturity on a Sunday. */
  public LocalDate lastWorkingDayBefore(LocalDate day) {
    LocalDate before = day.minusDays(1);
    for (int searched = 0; !isWorkingDay(before); searched++) {
      if (searched > MAX_DAYS_SEARCHED) {
        throw new IllegalStateException("No working day within " + MAX_DAYS_SEARCHED + " days before " + day);
      }
      before = before.minusDays(1);
    }
    return before;
  }

  /** The same time of day, {@code days} working days after {@code from} (China Standard Time). */
  public Instant workingDaysAfter(Instant from, int days) {
    LocalDateTime start = LocalDateTime.ofInstant(from, BusinessClock.BANK_ZONE);
    return addWorkingDays(start.toLocalDate(), days).atTime(start.toLocalTime()).atZone(BusinessClock.BANK_ZONE).toInstant();
  }

  /**
   * For the models' timers: the moment {@code days} working days from now (the engine clock), at the
   * same time of day. A deadline of "5 working days" set on a Friday afternoon before a public holiday
   * falls after the holiday.
   */
  public Date workingDaysLater(int days) {
    return Date.from(workingDaysAfter(clock.now(), days));
  }

  // --- working hours ---------------------------------------------------------------------------

  /**
   * The moment {@code workingTime} of working hours after {@code from}: time outside the working hours
   * (nights, lunch, weekends, holidays) does not count; a make-up working day does. A start outside the
   * working hours counts from the next working period.
   */
  public Instant addWorkingTime(Instant from, Duration workingTime) {
    if (workingTime.isNegative()) {
      throw new IllegalArgumentException("working time must not be negative: " + workingTime);
    }
    ZonedDateTime start = from.atZone(BusinessClock.BANK_ZONE);
    LocalDate day = start.toLocalDate();
    LocalTime time = start.toLocalTime();
    Duration remaining = workingTime;
    for (int searched = 0; searched <= MAX_DAYS_SEARCHED; searched++) {
      if (isWorkingDay(day)) {
        for (BankCalendarProperties.Period period : periods) {
          if (!time.isBefore(period.end())) {
            continue;
          }
          LocalTime begin = time.isAfter(period.start()) ? time : period.start();
          Duration available = Duration.between(begin, period.end());
          if (remaining.compareTo(available) <= 0) {
            return day.atTime(begin.plus(remaining)).atZone(BusinessClock.BANK_ZONE).toInstant();
          }
          remaining = remaining.minus(available);
          time = period.end();
        }
      }
      day = day.plusDays(1);
      time = LocalTime.MIDNIGHT;
    }
    throw new IllegalStateException("No " + workingTime + " of working time within " + MAX_DAYS_SEARCHED + " days after " + from);
  }

  /**
   * The working time between two moments (zero when {@code to} is not after {@code from}): each working day's
   * periods, cut to the first and the last day's part. For many pairs, {@link #workingTimeCounter} reads the days
   * once.
   */
  public Duration workingTimeBetween(Instant from, Instant to) {
    return workingTimeCounter(from.atZone(BusinessClock.BANK_ZONE).toLocalDate(), to.atZone(BusinessClock.BANK_ZONE).toLocalDate())
        .between(from, to);
  }

  /**
   * Counts working time between moments of the days {@code first} to {@code last} (China Standard Time) without
   * asking the calendar again; moments outside these days are counted too, asking the calendar for those days.
   */
  public WorkingTimeCounter workingTimeCounter(LocalDate first, LocalDate last) {
    return new WorkingTimeCounter(first, last, periods, this::isWorkingDay);
  }

  // --- the tables ------------------------------------------------------------------------------

  public List<Integer> loadedYears() {
    return repository.years();
  }

  /** @throws NotFoundException when no table was loaded for the year */
  public BankCalendarYear year(int year) {
    return repository.find(year).orElseThrow(() -> new NotFoundException("该年度银行日历未加载",
        year + " 年的银行日历尚未加载, 请用 PUT /api/bank-calendar/" + year + " 加载",
        "no bank calendar for " + year + ": load it with PUT /api/bank-calendar/" + year));
  }

  /**
   * Loads (or replaces) a year's table, all or nothing.
   *
   * @throws InvalidFieldsException naming every bad field; nothing is written
   */
  @Transactional
  public BankCalendarYear load(int year, LoadBankCalendarYear table, String actor) {
    List<FieldViolation> violations = violations(year, table);
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "银行日历有误: " + violations.stream()
          .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
    }
    repository.replace(year, table, actor, clock.now());
    cache.remove(year);
    warned.remove(year);
    BankCalendarYear loaded = year(year);
    log.info("Bank calendar {} loaded by {}: {} holidays, {} make-up working days ({})", year, actor,
        loaded.holidays().size(), loaded.makeUpWorkingDays().size(), loaded.source());
    return loaded;
  }

  static List<FieldViolation> violations(int year, LoadBankCalendarYear table) {
    List<FieldViolation> violations = new ArrayList<>();
    if (year < 2000 || year > 2100) {
      violations.add(new FieldViolation("year", "OUT_OF_RANGE", "年度应在 2000 至 2100 之间"));
      return violations;
    }
    if (table == null) {
      violations.add(new FieldViolation("", "REQUIRED", "请求体不能为空"));
      return violations;
    }
    InputHygiene.singleLine("source", table.source(), 500).ifPresent(violations::add);
    Set<LocalDate> seen = new HashSet<>();
    if (table.holidays() == null || table.holidays().isEmpty()) {
      violations.add(new FieldViolation("holidays", "REQUIRED", "至少应有一个节假日"));
    }
    checkDays("holidays", table.holidays(), year, false, seen, violations);
    checkDays("makeUpWorkingDays", table.makeUpWorkingDays(), year, true, seen, violations);
    return violations;
  }

  private static void checkDays(String field, List<BankCalendarYear.Day> days, int year, boolean weekendOnly,
      Set<LocalDate> seen, List<FieldViolation> violations) {
    if (days == null) {
      return;
    }
    if (days.size() > MAX_DAYS_PER_LIST) {
      violations.add(new FieldViolation(field, "TOO_MANY", "最多 " + MAX_DAYS_PER_LIST + " 天"));
      return;
    }
    for (int i = 0; i < days.size(); i++) {
      String at = field + "[" + i + "]";
      BankCalendarYear.Day day = days.get(i);
      if (day == null || day.date() == null) {
        violations.add(new FieldViolation(at + ".date", "REQUIRED", "日期不能为空"));
        continue;
      }
      if (day.date().getYear() != year) {
        violations.add(new FieldViolation(at + ".date", "OTHER_YEAR", "日期" + ChineseDates.day(day.date()) + "不在 " + year + " 年内"));
      } else if (!seen.add(day.date())) {
        violations.add(new FieldViolation(at + ".date", "DUPLICATE", "日期" + ChineseDates.day(day.date()) + "重复出现"));
      } else if (weekendOnly && day.date().getDayOfWeek() != DayOfWeek.SATURDAY && day.date().getDayOfWeek() != DayOfWeek.SUNDAY) {
        violations.add(new FieldViolation(at + ".date", "NOT_A_WEEKEND", "调休上班日应为周六或周日: " + ChineseDates.day(day.date())));
      }
      if (day.name() == null || day.name().isBlank()) {
        violations.add(new FieldViolation(at + ".name", "REQUIRED", "名称不能为空"));
      } else {
        InputHygiene.singleLine(at + ".name", day.name(), 50).ifPresent(violations::add);
      }
    }
  }

  private YearTable table(int year) {
    YearTable cached = cache.get(year);
    if (cached != null && System.nanoTime() - cached.readAtNanos() < CACHE_TIME.toNanos()) {
      return cached;
    }
    Optional<BankCalendarYear> loaded = repository.find(year);
    YearTable table = loaded
        .map(y -> new YearTable(dates(y.holidays()), dates(y.makeUpWorkingDays()), true, System.nanoTime()))
        .orElseGet(() -> new YearTable(Set.of(), Set.of(), false, System.nanoTime()));
    if (!table.loaded() && warned.add(year)) {
      log.warn("Bank calendar: no table for {}; Monday to Friday count as working days until an administrator loads it"
          + " (PUT /api/bank-calendar/{})", year, year);
    }
    cache.put(year, table);
    return table;
  }

  private static Set<LocalDate> dates(List<BankCalendarYear.Day> days) {
    return days.stream().map(BankCalendarYear.Day::date).collect(Collectors.toUnmodifiableSet());
  }
}
