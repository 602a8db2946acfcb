package com.smeloanflow.operations;

import com.smeloanflow.support.PostgresTest;

/** {@link JobCountsTest} on embedded PostgreSQL 14 (the production database), where the counts come from the indexes. */
@PostgresTest
class JobCountsPostgresIT extends JobCountsTest {}
