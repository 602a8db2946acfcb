package com.smeloanflow.servicing;

import com.smeloanflow.support.PostgresTest;

/**
 * Every test of {@link RecoveryServiceTest} on embedded PostgreSQL 14, the production database: V121's tables, and
 * racing recoveries of a written-off loan booked one at a time under the loan's row lock (never above the claim, one
 * recovery per transaction id) at READ COMMITTED.
 */
@PostgresTest
class RecoveryPostgresIT extends RecoveryServiceTest {}
