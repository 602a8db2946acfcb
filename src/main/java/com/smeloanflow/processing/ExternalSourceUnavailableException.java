package com.smeloanflow.processing;

import com.smeloanflow.processing.source.ExternalSource;

/**
 * An outside data source (registry, tax, bureau, ...) did not answer, answered with an error or
 * timed out. Not a business outcome: the job that gathers the data fails, the engine retries it with
 * back-off, and when the source stays down the failure becomes an incident an operator retries in
 * Cockpit.
 */
public class ExternalSourceUnavailableException extends RuntimeException {

  private final ExternalSource source;
  private final String creditCode;

  public ExternalSourceUnavailableException(ExternalSource source, String creditCode, String detail) {
    this(source, creditCode, detail, null);
  }

  public ExternalSourceUnavailableException(ExternalSource source, String creditCode, String detail, Throwable cause) {
    super("External source " + source.name() + " (" + source.label() + ") unavailable for credit code "
        + creditCode + (detail == null || detail.isBlank() ? "" : ": " + detail), cause);
    this.source = source;
    this.creditCode = creditCode;
  }

  public ExternalSource source() {
    return source;
  }

  public String creditCode() {
    return creditCode;
  }
}
