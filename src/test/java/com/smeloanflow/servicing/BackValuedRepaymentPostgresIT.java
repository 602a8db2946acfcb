package com.smeloanflow.servicing;

import com.smeloanflow.support.PostgresTest;

/**
 * Every test of {@link BackValuedRepaymentApiTest} on embedded PostgreSQL 14, the production database: V128's penalty
 * reversal entries, and a bounce taking them back.
 */
@PostgresTest
class BackValuedRepaymentPostgresIT extends BackValuedRepaymentApiTest {}
