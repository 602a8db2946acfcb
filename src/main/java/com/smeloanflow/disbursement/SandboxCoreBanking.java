package com.smeloanflow.disbursement;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.DatabaseSequences;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A stand-in for the bank's core banking system, used by default, in tests and in demos
 * ({@code smeloan.core-banking.adapter: sandbox}). It keeps its own ledger of disbursement postings
 * ({@code sandbox_core_posting}) and behaves as a core system does:
 * <ul>
 *   <li>a posting is committed in the sandbox's own transaction, so it stays when the caller's
 *       transaction rolls back (money that left the bank does not come back with a rollback);</li>
 *   <li>one posting per idempotency key: a repeat gets the first posting back as replayed, and two
 *       nodes racing with the same key are told apart by the ledger's primary key;</li>
 *   <li>a key posted with another amount, account or application is refused;</li>
 *   <li>it answers what it booked under a key ({@link #find}), as a real core system answers "what did you
 *       book under this reference";</li>
 *   <li>failures can be injected with {@link SandboxCoreBankingFaults}.</li>
 * </ul>
 */
@Component
@ConditionalOnProperty(prefix = "smeloan.core-banking", name = "adapter", havingValue = "sandbox", matchIfMissing = true)
public class SandboxCoreBanking implements CoreBankingGateway {

  private static final Logger log = LoggerFactory.getLogger(SandboxCoreBanking.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final DataFieldMaxValueIncrementer postingNumbers;
  private final BusinessClock clock;
  private final SandboxCoreBankingFaults faults;

  public SandboxCoreBanking(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager,
      BusinessClock clock, SandboxCoreBankingFaults faults) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.ownTransaction.setName("sandbox-core-banking");
    this.postingNumbers = DatabaseSequences.of(dataSource, "sandbox_core_posting_seq");
    this.clock = clock;
    this.faults = faults;
  }

  @Override
  public CorePosting disburse(DisbursementOrder order) {
    if (faults.takeFailureWhileDown()) {
      log.warn("Application {}: sandbox core banking fails before posting (injected fault)", order.applicationId());
      throw new CoreBankingUnavailableException(order.applicationId(),
          "sandbox core system down (injected fault), nothing posted");
    }
    waitFor(faults.takeDelay(), order.applicationId());
    CorePosting posting = post(order);
    if (faults.takeFailureAfterPosting()) {
      log.warn("Application {}: sandbox core banking posted {} but the answer is lost (injected fault)",
          order.applicationId(), posting.postingReference());
      throw new CoreBankingUnavailableException(order.applicationId(),
          "no answer from the sandbox core system (injected fault after posting)");
    }
    return posting;
  }

  /**
   * What the sandbox booked under the key, as core banking answers it: fails like {@link #disburse} while the
   * sandbox is set to be down ({@link SandboxCoreBankingFaults#failBeforePosting}), and when its ledger cannot be
   * read.
   */
  @Override
  public Optional<CorePosting> find(String idempotencyKey) {
    if (faults.takeFailureWhileDown()) {
      log.warn("Idempotency key {}: sandbox core banking is down, the look-up fails (injected fault)", idempotencyKey);
      throw CoreBankingUnavailableException.lookUp(idempotencyKey, "sandbox core system down (injected fault)", null);
    }
    try {
      return ownTransaction.execute(status -> posting(idempotencyKey));
    } catch (DataAccessException | TransactionException e) {
      throw CoreBankingUnavailableException.lookUp(idempotencyKey, "sandbox ledger failed: " + e.getMessage(), e);
    }
  }

  /**
   * Test and demo view of the sandbox's ledger: the posting made for an idempotency key, if any (as first posted,
   * not replayed). Never fails by injected faults; the flow asks {@link #find} instead.
   */
  public Optional<CorePosting> posting(String idempotencyKey) {
    return row(idempotencyKey).map(Posted::asFirstPosting);
  }

  /** Every posting made for an application: at most one when the bank keys orders by application id. */
  public List<CorePosting> postingsOf(String applicationId) {
    return jdbc.sql("SELECT * FROM sandbox_core_posting WHERE application_id = :applicationId ORDER BY posted_at")
        .param("applicationId", applicationId)
        .query(SandboxCoreBanking::map)
        .list().stream().map(Posted::asFirstPosting).toList();
  }

  private void waitFor(Duration delay, String applicationId) {
    if (delay.isZero()) {
      return;
    }
    try {
      faults.waitOut(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CoreBankingUnavailableException(applicationId, "interrupted while the sandbox core system was slow, nothing posted");
    }
  }

  /** Test and demo hooks: failures on demand. */
  public SandboxCoreBankingFaults faults() {
    return faults;
  }

  private CorePosting post(DisbursementOrder order) {
    try {
      return ownTransaction.execute(status -> row(order.idempotencyKey())
          .map(earlier -> replay(earlier, order))
          .orElseGet(() -> insert(order)));
    } catch (DataAccessException | TransactionException e) {
      // Most likely another node committed a posting with the same key between our look-up and our
      // insert (primary key violation): that posting stands, and this call answers with it.
      Optional<Posted> earlier;
      try {
        earlier = ownTransaction.execute(status -> row(order.idempotencyKey()));
      } catch (DataAccessException | TransactionException readFailure) {
        e.addSuppressed(readFailure);
        earlier = Optional.empty();
      }
      return earlier.map(posted -> replay(posted, order))
          .orElseThrow(() -> new CoreBankingUnavailableException(order.applicationId(),
              "sandbox ledger failed: " + e.getMessage(), e));
    }
  }

  private CorePosting insert(DisbursementOrder order) {
    Instant now = clock.now();
    String reference = "CB" + DAY.format(clock.today()) + String.format("%08d", postingNumbers.nextLongValue() % 100_000_000);
    jdbc.sql("""
        INSERT INTO sandbox_core_posting (idempotency_key, posting_reference, application_id, borrower_name,
          credit_code, settlement_account, amount, posted_at)
        VALUES (:key, :reference, :applicationId, :borrowerName, :creditCode, :account, :amount, :postedAt)
        """)
        .param("key", order.idempotencyKey())
        .param("reference", reference)
        .param("applicationId", order.applicationId())
        .param("borrowerName", order.borrowerName())
        .param("creditCode", order.creditCode())
        .param("account", order.settlementAccount())
        .param("amount", order.amount())
        .param("postedAt", Timestamp.from(now))
        .update();
    log.info("Application {}: core banking posted {} of {} CNY to account {}", order.applicationId(), reference,
        order.amount().toPlainString(), order.settlementAccount());
    return new CorePosting(reference, order.idempotencyKey(), order.amount(), now, false);
  }

  private CorePosting replay(Posted earlier, DisbursementOrder order) {
    if (earlier.amount().compareTo(order.amount()) != 0
        || !earlier.settlementAccount().equals(order.settlementAccount())
        || !earlier.applicationId().equals(order.applicationId())) {
      throw new IllegalStateException("Core banking refuses idempotency key " + order.idempotencyKey()
          + ": it was posted as " + earlier.postingReference() + " for application " + earlier.applicationId()
          + ", " + earlier.amount().toPlainString() + " CNY to account " + earlier.settlementAccount()
          + ", and is now sent for application " + order.applicationId() + ", " + order.amount().toPlainString()
          + " CNY to account " + order.settlementAccount());
    }
    log.info("Application {}: core banking answers a repeated order with posting {} (not posted again)",
        order.applicationId(), earlier.postingReference());
    return new CorePosting(earlier.postingReference(), earlier.idempotencyKey(), earlier.amount(), earlier.postedAt(), true);
  }

  private Optional<Posted> row(String idempotencyKey) {
    return jdbc.sql("SELECT * FROM sandbox_core_posting WHERE idempotency_key = :key")
        .param("key", idempotencyKey)
        .query(SandboxCoreBanking::map)
        .optional();
  }

  private static Posted map(ResultSet rs, int row) throws SQLException {
    return new Posted(rs.getString("idempotency_key"), rs.getString("posting_reference"), rs.getString("application_id"),
        rs.getString("settlement_account"), rs.getBigDecimal("amount"),
        rs.getObject("posted_at", OffsetDateTime.class).toInstant());
  }

  /** A row of the sandbox ledger. */
  private record Posted(String idempotencyKey, String postingReference, String applicationId,
      String settlementAccount, BigDecimal amount, Instant postedAt) {

    CorePosting asFirstPosting() {
      return new CorePosting(postingReference, idempotencyKey, amount, postedAt, false);
    }
  }
}
