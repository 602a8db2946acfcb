package com.smeloanflow.model;

import com.smeloanflow.process.LoanOriginationProcess;
import com.smeloanflow.process.ProcessVariable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/**
 * The process variables the declaration classes declare ({@code LoanOriginationProcess.Variables}
 * ...): the only variables a process instance may hold outside a task's own scope. The browser
 * tests check that a form submission leaves no other variable behind.
 */
public final class ProcessVariables {

  /** One declaration class per process; add a new process's {@code Variables} class here. */
  private static final Class<?>[] DECLARATIONS = {LoanOriginationProcess.Variables.class,
      com.smeloanflow.process.PostLoanMonitoringProcess.Variables.class,
      com.smeloanflow.process.PostLoanCheckProcess.Variables.class,
      com.smeloanflow.process.CollectionProcess.Variables.class, com.smeloanflow.process.DailyCloseProcess.Variables.class,
      com.smeloanflow.process.LoanRenewalProcess.Variables.class, com.smeloanflow.process.RenewalOfferScanProcess.Variables.class,
      com.smeloanflow.process.CreditLineReviewProcess.Variables.class};

  private ProcessVariables() {}

  public static Set<String> declared() {
    Set<String> names = new TreeSet<>();
    for (Class<?> declaration : DECLARATIONS) {
      names.addAll(declaredIn(declaration));
    }
    return names;
  }

  public static Set<String> declaredIn(Class<?> declaration) {
    Set<String> names = new TreeSet<>();
    for (Field field : declaration.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && ProcessVariable.class.isAssignableFrom(field.getType())) {
        try {
          names.add(((ProcessVariable<?>) field.get(null)).name());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }
}
