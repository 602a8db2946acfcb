package com.smeloanflow.collections;

/** What the strategy table chose, and why (its rule's reason, shown on the task it creates). */
public record StrategyDecision(CollectionAction action, String reason) {}
