package com.smeloanflow.disbursement;

import java.util.Optional;

/**
 * The bank's core banking system as the loan flow sees it: it moves the money. The sandbox
 * ({@link SandboxCoreBanking}) is used by default and by tests; the adapter to the bank's real core
 * system implements this interface and replaces the sandbox by configuration.
 *
 * <p>Every implementation is idempotent by {@link DisbursementOrder#idempotencyKey()}: the same key
 * is posted once, however often the order is sent and however many nodes send it at the same time.
 */
public interface CoreBankingGateway {

  /**
   * Pays out a loan, or answers with the posting made earlier for the same idempotency key
   * ({@link CorePosting#replayed()} true) without posting again.
   *
   * @throws CoreBankingUnavailableException when the core system fails or times out; whether it
   *     posted is then unknown, and the order is to be repeated with the same key
   * @throws IllegalStateException when the key was already posted with a different amount or
   *     account (or for another application): the core system refuses, nothing is posted
   */
  CorePosting disburse(DisbursementOrder order);

  /**
   * What the core system booked under an idempotency key, if anything ("what did you book under this
   * reference"): the posting as first made ({@link CorePosting#replayed()} false). Posts nothing. A caller
   * whose disbursement answer was lost learns from it whether money moved, without sending the order again.
   *
   * @throws CoreBankingUnavailableException when the core system fails or times out: nothing is known, ask
   *     again later
   */
  Optional<CorePosting> find(String idempotencyKey);
}
