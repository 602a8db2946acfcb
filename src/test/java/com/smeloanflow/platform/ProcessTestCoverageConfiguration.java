package com.smeloanflow.platform;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

/**
 * Process test coverage for every {@code @SpringBootTest}: this configuration lives in the test
 * sources under the application's package, so the application's component scan picks it up in
 * every test context and adds the coverage engine plugin; the coverage library's Spring
 * TestExecutionListener (registered by its {@code META-INF/spring.factories}) records which flow
 * nodes and sequence flows each test class and method passed. The HTML report, one per test class
 * and one for the whole run, is written to {@code target/process-test-coverage/}. Only in the
 * {@code test} profile: an application a test starts as shipped (ProductionProfileIT) has no
 * coverage listener to initialise the plugin.
 */
@Configuration(proxyBeanMethods = false)
@Profile("test")
@Import(ProcessEngineCoverageConfiguration.class)
public class ProcessTestCoverageConfiguration {}
