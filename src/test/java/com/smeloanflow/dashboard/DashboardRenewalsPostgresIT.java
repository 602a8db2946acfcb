package com.smeloanflow.dashboard;

import com.smeloanflow.support.PostgresTest;

/**
 * The renewals in 放款量 of {@link DashboardRenewalsApiTest} on embedded PostgreSQL 14 (the production database):
 * the same scenarios over HTTP, so the month's renewals statement and V123's index run on it.
 */
@PostgresTest
class DashboardRenewalsPostgresIT extends DashboardRenewalsApiTest {
}
