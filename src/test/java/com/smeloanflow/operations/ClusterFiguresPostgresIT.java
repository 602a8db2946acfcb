package com.smeloanflow.operations;

import com.smeloanflow.support.PostgresTest;

/**
 * {@link ClusterFiguresOncePerClusterTest} on embedded PostgreSQL 14 (the production database): at READ COMMITTED a
 * node's claim waits for another node's claim on the row and then finds it taken, so nodes due at the same moment
 * read the figures once.
 */
@PostgresTest
class ClusterFiguresPostgresIT extends ClusterFiguresOncePerClusterTest {
}
