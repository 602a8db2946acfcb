package com.smeloanflow.collections;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Record a contact attempt of a case, with a promise to pay when the borrower made one.
 *
 * @param loanId         the loan of the open case
 * @param channel        phone, field visit or the team lead's talk
 * @param outcome        one of the channel's outcomes
 * @param notes          what happened, 1 to 2000 characters
 * @param promisedAmount with {@link ContactOutcome#PROMISE_TO_PAY}: CNY, more than 0, at most the arrears
 * @param promisedDate   with {@link ContactOutcome#PROMISE_TO_PAY}: from the business date to at most the
 *     configured number of days after it
 * @param contactedBy    who made the contact
 */
public record RecordContact(String loanId, ContactChannel channel, ContactOutcome outcome, String notes,
    BigDecimal promisedAmount, LocalDate promisedDate, String contactedBy) {}
