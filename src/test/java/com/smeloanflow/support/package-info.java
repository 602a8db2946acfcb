/**
 * Test support shared by every engineer's tests. Start here:
 *
 * <ul>
 *   <li>{@link com.smeloanflow.support.AbstractIntegrationTest}: extend it for any test that needs
 *       the running application (process, HTTP, model tests). One cached Spring context for all:
 *       add no Spring configuration in subclasses. Gives GreenMail, camunda-bpm-assert, job and
 *       clock helpers, an HTTP client and the services.</li>
 *   <li>{@link com.smeloanflow.support.AbstractPostgresIntegrationTest}: the same on embedded
 *       PostgreSQL; name subclasses {@code *PostgresIT} (failsafe, {@code ./mvnw verify}).</li>
 *   <li>{@link com.smeloanflow.support.TestApplications}: valid applications to change one field
 *       at a time, as objects or JSON.</li>
 *   <li>{@link com.smeloanflow.support.ApiClient}: HTTP as a demo user, raw answers.</li>
 *   <li>{@link com.smeloanflow.support.TakenSequenceFlows}: which sequence flows an instance took.</li>
 *   <li>{@link com.smeloanflow.support.Concurrently}: the same call on N threads at once.</li>
 *   <li>{@link com.smeloanflow.support.ModelRolloutFixture}: the process owner's rollout against the test server, with
 *       a working copy, an earlier version of a model deployed as the latest, and the test's deployments deleted after
 *       it.</li>
 *   <li>{@link com.smeloanflow.support.BrokenMailValues}: the mails of a case cannot be rendered (a value provider
 *       throws or its read fails), without adding Spring configuration to the test.</li>
 * </ul>
 *
 * Unit tests (validation, scoring, DMN) need none of this: plain JUnit 5, no Spring.
 */
package com.smeloanflow.support;
