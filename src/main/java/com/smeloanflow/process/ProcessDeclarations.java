package com.smeloanflow.process;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every declaration class of a BPMN of this application and the process variables each owns. The
 * model tests check that every class of this package ending in {@code Process} is listed, so a new
 * process is guarded like the others.
 */
public final class ProcessDeclarations {

  /** The declaration classes: each has {@code KEY} and a nested {@code Variables} class. */
  public static final List<Class<?>> ALL = List.of(LoanOriginationProcess.class, PostLoanMonitoringProcess.class,
      PostLoanCheckProcess.class, DailyCloseProcess.class, CollectionProcess.class, WhitelistCampaignProcess.class,
      WhitelistProspectProcess.class, CreditLineReviewProcess.class,
      RenewalOfferScanProcess.class, LoanRenewalProcess.class, DueDiligenceReviewProcess.class);

  private ProcessDeclarations() {}

  /** Process key → names of the variables the process owns. */
  public static Map<String, Set<String>> ownedVariables() {
    Map<String, Set<String>> owned = new LinkedHashMap<>();
    for (Class<?> declaration : ALL) {
      owned.put(key(declaration), variableNames(declaration));
    }
    return owned;
  }

  public static String key(Class<?> declaration) {
    try {
      return (String) declaration.getField("KEY").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(declaration + " declares no KEY", e);
    }
  }

  static Set<String> variableNames(Class<?> declaration) {
    Set<String> names = new TreeSet<>();
    for (Class<?> nested : declaration.getDeclaredClasses()) {
      if (!nested.getSimpleName().equals("Variables")) {
        continue;
      }
      for (Field field : nested.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == ProcessVariable.class) {
          try {
            names.add(((ProcessVariable<?>) field.get(null)).name());
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return names;
  }
}
