package com.smeloanflow.creditline;

import com.smeloanflow.intake.CreditLineLookup;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells the application view which line a revolving-line application opened (intake's {@link CreditLineLookup}). */
@Component
class ApplicationCreditLine implements CreditLineLookup {

  private final CreditLineRepository lines;

  ApplicationCreditLine(CreditLineRepository lines) {
    this.lines = lines;
  }

  @Override
  public Optional<String> lineIdOf(String applicationId) {
    return lines.findByApplication(applicationId).map(CreditLine::lineId);
  }
}
