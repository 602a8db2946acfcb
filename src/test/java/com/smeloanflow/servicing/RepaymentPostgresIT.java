package com.smeloanflow.servicing;

import com.smeloanflow.support.PostgresTest;

/**
 * Every test of {@link RepaymentApiTest} on embedded PostgreSQL 14, the production database: V156's transaction key
 * unique over all loans, and one transaction id reported for two loans at once credited once at READ COMMITTED (the
 * second insert waits for the first to commit, is refused by the key and rolled back to its savepoint, and the refusal
 * names the loan credited).
 */
@PostgresTest
class RepaymentPostgresIT extends RepaymentApiTest {}
