package com.smeloanflow.platform.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The bank's calendar: everyone signed in reads it, administrators load a year's table (see SecurityConfig). */
@RestController
@RequestMapping("/api/bank-calendar")
@Tag(name = "Reference data", description = "Rates and tables the bank maintains")
public class BankCalendarController {

  private static final String YEAR_EXAMPLE = """
      {"year":2026,"source":"国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日)",
       "holidays":[{"date":"2026-10-01","name":"国庆节"}],"makeUpWorkingDays":[{"date":"2026-10-10","name":"国庆节调休上班"}],
       "loadedBy":"admin","loadedAt":"2026-11-05T02:00:00Z"}""";

  private final BankCalendar calendar;

  public BankCalendarController(BankCalendar calendar) {
    this.calendar = calendar;
  }

  @GetMapping(produces = "application/json")
  @Operation(summary = "The years whose table is loaded",
      description = "A year without a table counts Monday to Friday as working days (and the log warns).")
  public List<Integer> years() {
    return calendar.loadedYears();
  }

  @GetMapping(path = "/{year}", produces = "application/json")
  @Operation(summary = "A year's public holidays and make-up working days")
  @ApiResponse(responseCode = "200", description = "The year's table", content = @Content(examples = @ExampleObject(value = YEAR_EXAMPLE)))
  @ApiResponse(responseCode = "404", description = "No table loaded for the year (application/problem+json)")
  public BankCalendarYear year(@PathVariable("year") int year) {
    return calendar.year(year);
  }

  @PutMapping(path = "/{year}", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Load a year's table (administrators)",
      description = "From the State Council's holiday notice: every day off and every make-up working day (调休上班, a "
          + "Saturday or Sunday). Replaces the year's table; deadlines computed afterwards count on it, those already "
          + "set stay.")
  @ApiResponse(responseCode = "200", description = "Loaded", content = @Content(examples = @ExampleObject(value = YEAR_EXAMPLE)))
  @ApiResponse(responseCode = "400", description = "Bad fields, each named (application/problem+json)")
  public BankCalendarYear load(@PathVariable("year") int year, @RequestBody LoadBankCalendarYear table, Principal principal) {
    return calendar.load(year, table, principal.getName());
  }
}
