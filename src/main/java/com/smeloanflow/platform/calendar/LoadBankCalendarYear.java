package com.smeloanflow.platform.calendar;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An administrator loads a year's table from the State Council's notice: every day off (weekend days
 * within a holiday may be listed too) and every make-up working day. It replaces what the year had.
 *
 * @param source            the notice, e.g. its title and date (optional, at most 500 characters)
 * @param holidays          the days off, each in the year, at least one
 * @param makeUpWorkingDays the Saturdays and Sundays that are working days (调休上班), each in the year
 */
public record LoadBankCalendarYear(
    @Schema(example = "国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日)") String source,
    @ArraySchema(schema = @Schema(implementation = BankCalendarYear.Day.class)) List<BankCalendarYear.Day> holidays,
    @ArraySchema(schema = @Schema(implementation = BankCalendarYear.Day.class)) List<BankCalendarYear.Day> makeUpWorkingDays) {}
