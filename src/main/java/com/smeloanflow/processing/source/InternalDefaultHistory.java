package com.smeloanflow.processing.source;

import java.util.List;

/**
 * The enterprise's defaults with this bank, oldest first; empty when it never defaulted.
 * {@code defaults == null}: the database returned no data.
 */
public record InternalDefaultHistory(List<InternalDefault> defaults) {

  public InternalDefaultHistory {
    defaults = defaults == null ? null : List.copyOf(defaults);
  }

  public static InternalDefaultHistory noData() {
    return new InternalDefaultHistory(null);
  }

  public static InternalDefaultHistory none() {
    return new InternalDefaultHistory(List.of());
  }
}
