package com.smeloanflow.processing.source;

import java.time.LocalDate;

/**
 * What the business registry (工商登记) holds about an enterprise. All fields {@code null}: the
 * registry returned no data.
 *
 * @param industryCode GB/T 4754 industry code, e.g. C34
 */
public record RegistrationRecord(String name, LocalDate establishedOn, RegistrationStatus status, String industryCode) {

  public static RegistrationRecord noData() {
    return new RegistrationRecord(null, null, null, null);
  }
}
