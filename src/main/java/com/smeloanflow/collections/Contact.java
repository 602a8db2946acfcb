package com.smeloanflow.collections;

import java.time.Instant;
import java.time.LocalDate;

/** One contact attempt of a case and its outcome ({@code collection_contact}). */
public record Contact(long id, LocalDate businessDate, ContactChannel channel, ContactOutcome outcome, String notes,
    String contactedBy, Instant contactedAt) {}
