package com.smeloanflow.notification;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Contributes placeholder values for the mails of one {@link MailCaseType} from one stage's data (e.g.
 * the application, the contract, the loan account). {@link MailOutbox} merges the values of every
 * provider of the mail's case type when it renders a mail. Exactly one provider of a case type, the
 * stage that holds the contact data, also names the {@linkplain #recipient recipient}; notification
 * itself knows no stage. A date is given as the reader reads it, {@code 2027年1月7日}
 * ({@link com.smeloanflow.platform.ChineseDates}, as the mail's footer date); a value the case lacks is left out, never
 * given as "null": the template that needs it then cannot be rendered. A provider that throws, or whose read fails,
 * never fails the state change that queues the mail: the mail is queued FAILED, never rendered, for an operator to
 * re-queue ({@link MailOutbox#enqueue}).
 */
public interface MailValueProvider {

  /**
   * Whose mails this provider fills, and so what {@code caseId} is: an application id, or a loan id for a provider of
   * the borrower's mails ({@link OfLoan}).
   */
  default MailCaseType caseType() {
    return MailCaseType.APPLICATION;
  }

  Map<String, String> values(String caseId);

  /**
   * {@code value} as {@code format} writes it under {@code name}, or nothing when the case has none: the template that
   * needs it then fails to render ({@link MailRenderer}) and the mail is queued FAILED, never sent saying "null" or an
   * empty amount.
   */
  static <T> void putIfKnown(Map<String, String> values, String name, T value, Function<? super T, String> format) {
    if (value != null) {
      values.put(name, format.apply(value));
    }
  }

  /** The recipient's mail address, from the one provider of the case type that holds it; empty from all others. */
  default Optional<String> recipient(String caseId) {
    return Optional.empty();
  }

  /** A provider of the mails to a loan's borrower: case type {@link MailCaseType#LOAN}, {@code caseId} a loan id. */
  interface OfLoan extends MailValueProvider {

    @Override
    default MailCaseType caseType() {
      return MailCaseType.LOAN;
    }
  }
}
