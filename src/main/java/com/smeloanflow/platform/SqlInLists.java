package com.smeloanflow.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Bound values of an SQL {@code IN (:values)} list, cut into chunks that H2 and PostgreSQL take (the
 * PostgreSQL driver refuses a statement with more than 32,767 parameters): one statement per chunk.
 */
public final class SqlInLists {

  /** Values per statement. */
  public static final int CHUNK = 100;

  private SqlInLists() {}

  /** The values in chunks of at most {@link #CHUNK}, in their order; none for no values. */
  public static <T> List<List<T>> chunks(Collection<T> values) {
    List<T> all = List.copyOf(values);
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
    }
    return chunks;
  }
}
