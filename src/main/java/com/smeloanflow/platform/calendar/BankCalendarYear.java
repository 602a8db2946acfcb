package com.smeloanflow.platform.calendar;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One year of the bank's calendar as loaded: the public holidays and the make-up working days of the
 * State Council's notice for the year, who loaded it and when.
 */
public record BankCalendarYear(
    @Schema(example = "2026") int year,
    @Schema(example = "国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日)") String source,
    List<Day> holidays,
    List<Day> makeUpWorkingDays,
    @Schema(example = "admin") String loadedBy,
    Instant loadedAt) {

  public BankCalendarYear {
    holidays = List.copyOf(holidays);
    makeUpWorkingDays = List.copyOf(makeUpWorkingDays);
  }

  /** A day of the notice. */
  public record Day(@Schema(example = "2026-10-01") LocalDate date, @Schema(example = "国庆节") String name) {}
}
