package com.smeloanflow.processing.source;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One default of the enterprise with this bank ({@code internal_default_record}). */
public record InternalDefault(LocalDate defaultDate, BigDecimal amount, InternalDefaultStatus status) {

  /** Not repaid: outstanding or written off. */
  public boolean open() {
    return status != InternalDefaultStatus.SETTLED;
  }
}
