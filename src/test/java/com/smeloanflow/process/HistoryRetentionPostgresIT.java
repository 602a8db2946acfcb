package com.smeloanflow.process;

import com.smeloanflow.support.PostgresTest;

/**
 * {@link HistoryRetentionTest} on embedded PostgreSQL 14 (the production database): Camunda's end-time-based history
 * cleanup runs its own statements per database, so the retention is proven on the one a bank runs.
 */
@PostgresTest
class HistoryRetentionPostgresIT extends HistoryRetentionTest {
}
