package com.smeloanflow.campaign;

import java.time.LocalDate;

/**
 * A customer manager's contact with a prospect.
 *
 * @param followUpOn  when to contact again (NOT_NOW, NOT_REACHABLE: required; otherwise ignored)
 * @param application INTERESTED: the loan application, the whitelist's data completed by the manager
 */
public record RecordContact(String prospectId, ContactOutcome outcome, LocalDate followUpOn, String notes, String contactedBy,
    ApplicationDetails application) {}
