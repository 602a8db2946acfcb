package com.smeloanflow.platform.calendar;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables {@code bank_calendar_year} and {@code bank_calendar_day}; written only by {@link BankCalendar}. */
@Repository
class BankCalendarRepository {

  private final JdbcClient jdbc;

  BankCalendarRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Integer> years() {
    return jdbc.sql("SELECT calendar_year FROM bank_calendar_year ORDER BY calendar_year").query(Integer.class).list();
  }

  Optional<BankCalendarYear> find(int year) {
    List<BankCalendarYear.Day> holidays = new ArrayList<>();
    List<BankCalendarYear.Day> makeUp = new ArrayList<>();
    jdbc.sql("SELECT calendar_day, kind, name FROM bank_calendar_day WHERE calendar_year = :year ORDER BY calendar_day")
        .param("year", year)
        .query((rs, row) -> {
          BankCalendarYear.Day day = new BankCalendarYear.Day(rs.getObject("calendar_day", LocalDate.class), rs.getString("name"));
          (CalendarDayKind.valueOf(rs.getString("kind")) == CalendarDayKind.HOLIDAY ? holidays : makeUp).add(day);
          return day;
        }).list();
    return jdbc.sql("SELECT source, loaded_by, loaded_at FROM bank_calendar_year WHERE calendar_year = :year")
        .param("year", year)
        .query((rs, row) -> new BankCalendarYear(year, rs.getString("source"), holidays, makeUp, rs.getString("loaded_by"),
            rs.getObject("loaded_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** Replaces the year's table. */
  void replace(int year, LoadBankCalendarYear table, String actor, Instant at) {
    jdbc.sql("DELETE FROM bank_calendar_day WHERE calendar_year = :year").param("year", year).update();
    jdbc.sql("DELETE FROM bank_calendar_year WHERE calendar_year = :year").param("year", year).update();
    jdbc.sql("INSERT INTO bank_calendar_year (calendar_year, source, loaded_by, loaded_at) VALUES (:year, :source, :actor, :at)")
        .param("year", year).param("source", table.source() == null || table.source().isBlank() ? null : table.source().trim())
        .param("actor", actor).param("at", Timestamp.from(at)).update();
    insertDays(year, table.holidays(), CalendarDayKind.HOLIDAY);
    insertDays(year, table.makeUpWorkingDays(), CalendarDayKind.MAKE_UP_WORKING_DAY);
  }

  private void insertDays(int year, List<BankCalendarYear.Day> days, CalendarDayKind kind) {
    if (days == null) {
      return;
    }
    for (BankCalendarYear.Day day : days) {
      jdbc.sql("INSERT INTO bank_calendar_day (calendar_day, calendar_year, kind, name) VALUES (:day, :year, :kind, :name)")
          .param("day", day.date()).param("year", year).param("kind", kind.name()).param("name", day.name().trim()).update();
    }
  }
}
