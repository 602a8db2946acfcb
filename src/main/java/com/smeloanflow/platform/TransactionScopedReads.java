package com.smeloanflow.platform;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows of one table that a database transaction has read, so that a job or a request that asks
 * for the same row again (the application in each of a job's delegates and listeners, say) gets it
 * without another statement. A repository keeps one instance per kind of row, reads through
 * {@link #read} and calls {@link #forget} in every method that writes the row, so a read after a
 * write in the same transaction reads the database again.
 *
 * <p>What is kept lives as long as the transaction: it is dropped when the transaction commits or
 * rolls back, set aside while an inner {@code REQUIRES_NEW} transaction runs (which has its own), and
 * nothing is kept outside a transaction. A row another transaction commits in the meantime is not
 * seen again within this one; the rows kept this way are written by their own stage's steps, which
 * run one after another for an application. The values kept must not be changed by their readers.
 *
 * @param <K> the row's key
 * @param <V> what the repository makes of the row (an {@code Optional} when it may be missing)
 */
public final class TransactionScopedReads<K, V> {

  private final String table;

  /** @param table the table whose rows are kept, for diagnostics */
  public TransactionScopedReads(String table) {
    this.table = table;
  }

  /** The row as read earlier in this transaction, or as {@code loader} reads it now. */
  public V read(K key, Function<K, V> loader) {
    Map<K, V> rows = rows();
    if (rows == null) {
      return loader.apply(key);
    }
    V row = rows.get(key);
    if (row == null) {
      row = loader.apply(key);
      if (row != null) {
        rows.put(key, row);
      }
    }
    return row;
  }

  /** Forgets the row, so the next read in this transaction goes to the database. */
  public void forget(K key) {
    Map<K, V> rows = bound();
    if (rows != null) {
      rows.remove(key);
    }
  }

  /** The rows kept for the current transaction, bound on first use; null outside a transaction. */
  private Map<K, V> rows() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    Map<K, V> rows = bound();
    if (rows == null) {
      Map<K, V> bound = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, bound);
      TransactionSynchronizationManager.registerSynchronization(new Binding(bound));
      rows = bound;
    }
    return rows;
  }

  /** The rows bound to the current transaction, if any were read in it. */
  @SuppressWarnings("unchecked")
  private Map<K, V> bound() {
    return (Map<K, V>) TransactionSynchronizationManager.getResource(this);
  }

  @Override
  public String toString() {
    return "rows of " + table + " read in this transaction";
  }

  /** Unbinds the rows when the transaction ends, and while an inner transaction suspends it. */
  private final class Binding implements TransactionSynchronization {

    private final Map<K, V> rows;

    Binding(Map<K, V> rows) {
      this.rows = rows;
    }

    @Override
    public void suspend() {
      TransactionSynchronizationManager.unbindResourceIfPossible(TransactionScopedReads.this);
    }

    @Override
    public void resume() {
      TransactionSynchronizationManager.bindResource(TransactionScopedReads.this, rows);
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(TransactionScopedReads.this);
    }
  }
}
