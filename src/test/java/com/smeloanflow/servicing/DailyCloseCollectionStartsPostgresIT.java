package com.smeloanflow.servicing;

import com.smeloanflow.support.PostgresTest;

/**
 * Every test of {@link DailyCloseCollectionStartsTest} on embedded PostgreSQL 14: the close's cases, the
 * redo after a crash, two nodes starting at once ({@code FOR UPDATE SKIP LOCKED} as PostgreSQL does it) and
 * a failing start, with PostgreSQL's locking.
 */
@PostgresTest
class DailyCloseCollectionStartsPostgresIT extends DailyCloseCollectionStartsTest {
}
