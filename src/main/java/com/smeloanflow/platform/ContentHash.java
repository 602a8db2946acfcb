package com.smeloanflow.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a request's or report's content as lower-case hex: what an idempotency key or a replayed report is
 * compared by (the same content, the same hash).
 */
public final class ContentHash {

  private ContentHash() {}

  /** The SHA-256 of {@code content}'s UTF-8 bytes, as 64 lower-case hex digits. */
  public static String sha256Hex(String content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
