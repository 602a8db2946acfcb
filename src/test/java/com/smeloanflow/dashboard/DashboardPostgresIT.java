package com.smeloanflow.dashboard;

import com.smeloanflow.support.PostgresTest;

/**
 * Every dashboard figure of {@link DashboardFiguresTest} on embedded PostgreSQL 14 (the production
 * database): the same scenarios, so every query of the dashboard runs on it. Configured as
 * {@code AbstractPostgresIntegrationTest} is, by {@link PostgresTest} (a class extends only one base).
 */
@PostgresTest
class DashboardPostgresIT extends DashboardFiguresTest {
}
