package com.smeloanflow.disbursement;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The core banking system's confirmation that a loan was paid out: the money left the bank under
 * {@code postingReference}. {@code replayed} is true when the answer repeats an earlier posting for
 * the same idempotency key (a retry or a racing node): nothing was posted this time.
 *
 * @param postingReference the core system's reference of the posting (e.g. CB2026112300000042)
 * @param idempotencyKey   the key of the order (the application id)
 * @param amount           CNY posted, 2 decimals
 * @param postedAt         when the core system posted it (the first time)
 * @param replayed         whether this answer repeats an earlier posting
 */
public record CorePosting(
    String postingReference,
    String idempotencyKey,
    BigDecimal amount,
    Instant postedAt,
    boolean replayed) {}
