package com.smeloanflow.servicing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The order in which a repayment pays a loan of a product and guarantee type, as the decision table
 * {@code repayment-allocation} gives it: the five components overdue penalty, overdue interest,
 * overdue principal, current interest and current principal, each exactly once, and the scope over
 * several overdue instalments. Whatever is left prepays principal.
 *
 * @param order  the five components in the order they are paid
 * @param scope  across instalments or oldest instalment first
 * @param ruleId the decision table's rule that gave it, for the record
 */
public record AllocationRule(List<AllocationComponent> order, AllocationScope scope, String ruleId) {

  public static final Set<AllocationComponent> ORDERED = EnumSet.complementOf(EnumSet.of(AllocationComponent.PREPAID_PRINCIPAL));

  public AllocationRule {
    order = List.copyOf(order);
    if (order.size() != ORDERED.size() || !EnumSet.copyOf(order).equals(ORDERED) || scope == null) {
      throw new IllegalArgumentException("An allocation order names each of " + ORDERED + " exactly once and a scope, was "
          + order + " / " + scope + " (rule " + ruleId + ")");
    }
  }

  /** The default: penalty, interest, principal of overdue instalments, then the current instalment. */
  public static AllocationRule standard() {
    return new AllocationRule(List.of(AllocationComponent.OVERDUE_PENALTY, AllocationComponent.OVERDUE_INTEREST,
        AllocationComponent.OVERDUE_PRINCIPAL, AllocationComponent.CURRENT_INTEREST, AllocationComponent.CURRENT_PRINCIPAL),
        AllocationScope.ACROSS_INSTALMENTS, "standard");
  }

  /**
   * Parses the decision table's output, e.g. {@code "OVERDUE_PENALTY, OVERDUE_INTEREST, ..."}.
   *
   * @throws IllegalArgumentException when the table gives something else than the five components once each
   */
  public static AllocationRule parse(String order, String scope, String ruleId) {
    if (order == null || scope == null) {
      throw new IllegalArgumentException("Allocation rule " + ruleId + " gives no order or scope");
    }
    List<AllocationComponent> components = new ArrayList<>();
    for (String part : order.split(",")) {
      components.add(AllocationComponent.valueOf(part.trim()));
    }
    return new AllocationRule(components, AllocationScope.valueOf(scope.trim()), ruleId);
  }
}
