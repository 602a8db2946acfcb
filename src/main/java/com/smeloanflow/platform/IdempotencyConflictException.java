package com.smeloanflow.platform;

/** An idempotency key (the Idempotency-Key header, or a field such as a drawdown's requestId) was used before for a different request. */
public class IdempotencyConflictException extends RuntimeException {

  /** The {@code Idempotency-Key} header's value was used before. */
  public IdempotencyConflictException(String key) {
    this("Idempotency-Key", key);
  }

  /** The key named {@code name} (a header or a field, e.g. {@code requestId}) was used before. */
  public IdempotencyConflictException(String name, String key) {
    super(name + " '" + key + "' was already used for a different request");
  }
}
