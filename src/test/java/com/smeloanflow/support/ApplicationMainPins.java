package com.smeloanflow.support;

import com.smeloanflow.platform.ServiceProviderPins;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Does for the test JVM what {@code SmeLoanFlowApplication.main} does before the application starts and a Spring test
 * does not (it starts the application without {@code main}): pins the library lookups of {@link ServiceProviderPins},
 * so that the tests run the timers' and mails' code as the shipped application does, without a class path scan per
 * timer due date and per mail header. Registered as a JUnit Platform launcher session listener in
 * {@code META-INF/services}: once per test JVM, before its first test.
 */
public class ApplicationMainPins implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    ServiceProviderPins.pin();
  }
}
