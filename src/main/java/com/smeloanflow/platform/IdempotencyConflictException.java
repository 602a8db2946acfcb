package com.smeloanflow.platform;

/** An idempotency key (the Idempotency-Key header, or a field such as a drawdown's requestId) was used before for a different request. */
public class IdempotencyConflictException extends RuntimeException {

  /** The {@code Idempotency-Key} header's value was used before. */
  public IdempotencyConflictException(String key) {
    this("Idempotency-Key", key);
  }

  /**
   * The key named {@code name} (a header or a field, e.g. {@code requestId}) was used before. The detail the channel
   * reads names the key first, then says it in Chinese, with the English beside.
   */
  public IdempotencyConflictException(String name, String key) {
    super(name + " '" + key + "' 已用于内容不同的另一请求, 不予受理: 同一请求请按原内容重发, 新的请求请使用新的 " + name
        + " (" + name + " '" + key + "' was already used for a different request)");
  }
}
