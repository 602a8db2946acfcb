package com.smeloanflow.tasklist;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A test that drives the running application in headless Chromium: the whole app on a random port
 * with the demo users (password {@code demo}), an in-memory database of the browser tests (failsafe runs
 * them in two JVMs side by side, each class in one of them, the classes of a JVM on its one application, so a
 * test finds its tasks by id, never by position in a list), and the job executor on
 * (the start event is asynchronous, as in production; due timers are picked up within 2 s) as is
 * the mail outbox's poller (every second).
 * Skipped, with the reason, only where Chromium is not installed and {@code -Dbrowser.required=true} is
 * not given; {@code .ci/run} installs it and requires it, so in CI a missing browser fails the build. Run
 * them alone with {@code ./mvnw verify -Dit.test='*TasklistIT' -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("browser")
@EnabledIf(value = "com.smeloanflow.tasklist.Browser#installed",
    disabledReason = "Chromium is not installed (/usr/bin/chromium and /usr/bin/chromedriver): "
        + "apt-get install chromium chromium-driver, or run .ci/run")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    // An idle job executor looks for due timers at least every 2 s (default: backs off to 60 s), so a
    // timer a test makes due (a deadline that passed) fires at once.
    "camunda.bpm.job-execution.wait-time-in-millis=1000",
    "camunda.bpm.job-execution.max-wait=2000",
    // The mail outbox is sent by its poller, as in production (the test profile turns it off).
    "smeloan.mail.outbox.dispatcher-enabled=true",
    "smeloan.mail.outbox.poll-interval=PT1S",
    // The collection processes of the cases a daily close opened are started by their poller, as in production.
    "smeloan.collections.process-start.poller-enabled=true",
    "smeloan.collections.process-start.poll-interval=PT1S",
    "spring.datasource.url=jdbc:h2:mem:sme-loan-flow-browser;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"})
@ActiveProfiles({"demo", "test"})
public @interface BrowserTest {}
