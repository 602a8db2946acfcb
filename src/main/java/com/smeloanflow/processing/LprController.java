package com.smeloanflow.processing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Loan Prime Rates loans are priced on: read by staff, recorded by administrators and process owners. */
@RestController
@RequestMapping("/api/lpr-rates")
@Tag(name = "Reference data", description = "Rates and tables the bank maintains")
public class LprController {

  private final LprRates rates;

  public LprController(LprRates rates) {
    this.rates = rates;
  }

  public record Publication(@Schema(example = "ONE_YEAR", allowableValues = {"ONE_YEAR", "FIVE_YEAR"}) String tenor,
      @Schema(example = "2026-12-22") LocalDate effectiveFrom, @Schema(example = "2.9500") BigDecimal ratePercent) {}

  @GetMapping(produces = "application/json")
  @Operation(summary = "Every recorded LPR, newest first")
  public List<LprRates.Rate> all() {
    return rates.all();
  }

  @PostMapping(consumes = "application/json", produces = "application/json")
  @Operation(summary = "Record a new LPR publication",
      description = "A loan is priced on the LPR in force on its pricing date: the 1-year rate, the 5-year rate for terms over "
          + "60 months. 409 when the tenor already has a rate from that day.")
  @ApiResponse(responseCode = "201", description = "Recorded")
  @ApiResponse(responseCode = "400", description = "Bad fields, each named (application/problem+json): an unknown tenor, a"
      + " date before 2019-08-20, a rate not above 0 and below 20 with at most 4 decimals",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "The tenor already has a rate from that day",
      content = @Content(mediaType = "application/problem+json"))
  public ResponseEntity<LprRates.Rate> publish(@RequestBody Publication publication, Principal principal) {
    LprRates.Rate rate = rates.publish(publication.tenor(), publication.effectiveFrom(), publication.ratePercent(), principal.getName());
    return ResponseEntity.created(URI.create("/api/lpr-rates")).body(rate);
  }
}
