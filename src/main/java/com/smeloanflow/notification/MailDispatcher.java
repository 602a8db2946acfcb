package com.smeloanflow.notification;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.platform.BusinessClock;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the due mails of the outbox, apart from any process: {@link MailDispatchSchedule} calls
 * {@link #dispatchDue()} on every node; tests call it themselves.
 *
 * <p>A case's mails (an application's, a loan's) go out in the order they were queued: a mail waits
 * while an earlier one of the same case is still PENDING (FAILED ones do not hold it up).
 *
 * <p>Each mail on its own: claimed by a conditional UPDATE with a lease (committed at once, so
 * another dispatcher, on this node or another, skips it), sent with no transaction open, then its
 * outcome recorded in a transaction of its own. A failure is counted and the mail is due again
 * after the back-off ({@code smeloan.mail.outbox.backoff}); after {@code max-attempts} it is
 * FAILED, logged as an error, and waits for an operator ({@link MailOutbox#requeue}).
 *
 * <p>A mail {@linkplain MailOutbox#withdraw withdrawn} while it is being sent: SENT if the SMTP server takes it (it
 * was sent), else it stays WITHDRAWN and is never tried again.
 *
 * <p>Once a mail is SENT or FAILED for good, the {@link MailStatusListener}s are told (after the outcome is committed;
 * their failure never touches the mail).
 *
 * <p>Delivery is <b>at least once</b>: if this node dies (or its lease runs out) after the SMTP
 * server took a mail and before SENT is committed, the mail is sent again once the lease has run
 * out. A mail is never lost and never sent by two dispatchers at the same moment.
 */
@Component
public class MailDispatcher {

  private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
  private static final String NODE = abbreviate(ManagementFactory.getRuntimeMXBean().getName(), 60);

  private final MailOutboxRepository outbox;
  private final JavaMailSender mailSender;
  private final ApplicationHistory history;
  private final BusinessClock clock;
  private final MailOutboxProperties properties;
  private final MailStatusNotices notices;
  private final TransactionTemplate ownTransaction;
  private final String from;

  public MailDispatcher(MailOutboxRepository outbox, JavaMailSender mailSender, ApplicationHistory history,
      BusinessClock clock, MailOutboxProperties properties, MailStatusNotices notices,
      PlatformTransactionManager transactions, @Value("${smeloan.mail.from}") String from) {
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.history = history;
    this.clock = clock;
    this.properties = properties;
    this.notices = notices;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.from = from;
  }

  /** Sends up to {@code batch-size} due mails. @return how many this call sent */
  public int dispatchDue() {
    return dispatchAll(outbox.dueIds(clock.now(), properties.batchSize()));
  }

  /**
   * Sends the due mails of one case now, one after the other, until none is due (e.g. a test driving
   * the process whose business key is that application or loan id). @return how many were sent
   */
  public int dispatchDueOf(String caseId) {
    int sent = 0;
    for (MailCaseType caseType : MailCaseType.values()) {
      sent += dispatchDueOf(caseType, caseId);
    }
    return sent;
  }

  /** The same for the mails of one kind of case, e.g. the staff mails about one application ({@link MailCaseType#STAFF}). */
  public int dispatchDueOf(MailCaseType caseType, String caseId) {
    int sent = 0;
    int round;
    do {
      round = dispatchAll(outbox.dueIdsOf(caseType, caseId, clock.now()));
      sent += round;
    } while (round > 0);
    return sent;
  }

  /**
   * Claims, sends and records one mail. @return true if this call sent it; false if it was not due,
   * another dispatcher holds it, or the SMTP server refused it (then it is due again later or FAILED)
   */
  public boolean dispatch(long id) {
    Instant now = clock.now();
    String owner = NODE + "#" + UUID.randomUUID().toString().substring(0, 8);
    Boolean claimed = ownTransaction.execute(tx -> outbox.claim(id, owner, now, now.plus(properties.lease())));
    if (!Boolean.TRUE.equals(claimed)) {
      return false;
    }
    OutboxMail mail = outbox.find(id).orElseThrow();
    try {
      send(mail);
    } catch (MessagingException | RuntimeException e) { // MailException, or a bad mail: counted, never a stuck claim
      recordFailure(mail, owner, e);
      return false;
    }
    Boolean recorded = ownTransaction.execute(tx -> {
      if (!outbox.markSent(id, owner, clock.now())) {
        log.warn("Mail {} was sent, but its claim had run out: another dispatcher may send it again (at least once)", id);
        return false;
      }
      if (mail.caseType() == MailCaseType.APPLICATION) {
        history.record(mail.caseId(), "system", "MAIL_SENT", mail.template() + " → " + mail.recipient());
      }
      return true;
    });
    log.info("{} {}: mail {} sent to {} (outbox id {})", mail.caseType(), mail.caseId(), mail.template(), mail.recipient(), id);
    if (Boolean.TRUE.equals(recorded)) {
      notices.changed(id, mail.template());
    }
    return true;
  }

  private int dispatchAll(List<Long> ids) {
    int sent = 0;
    for (long id : ids) {
      if (dispatch(id)) {
        sent++;
      }
    }
    return sent;
  }

  private void send(OutboxMail mail) throws MessagingException {
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
    helper.setFrom(from);
    helper.setTo(mail.recipient());
    helper.setSubject(mail.subject());
    helper.setText(mail.body(), false);
    mailSender.send(message);
  }

  private void recordFailure(OutboxMail mail, String owner, Exception e) {
    int attempts = mail.attempts() + 1;
    boolean exhausted = attempts >= properties.maxAttempts();
    Instant next = clock.now().plus(properties.backoffAfter(attempts));
    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
    Boolean recorded = ownTransaction.execute(tx ->
        outbox.markAttemptFailed(mail.id(), owner, exhausted ? MailStatus.FAILED : MailStatus.PENDING, next, error));
    if (!Boolean.TRUE.equals(recorded)) {
      log.warn("Mail {}: failed attempt not recorded, its claim had run out", mail.id());
    } else if (outbox.find(mail.id()).map(OutboxMail::status).orElse(null) == MailStatus.WITHDRAWN) {
      log.info("{} {}: mail {} to {} not sent ({}); it was withdrawn meanwhile and is not tried again", mail.caseType(),
          mail.caseId(), mail.template(), mail.recipient(), error);
    } else if (exhausted) {
      log.error("{} {}: mail {} to {} FAILED after {} attempts ({}). Fix the cause, then re-queue it:"
              + " POST /api/admin/mail-outbox/{}/retry", mail.caseType(), mail.caseId(), mail.template(), mail.recipient(),
          attempts, error, mail.id());
      notices.changed(mail.id(), mail.template());
    } else {
      log.warn("{} {}: mail {} to {} not sent, attempt {} of {} ({}); next attempt at {}", mail.caseType(), mail.caseId(),
          mail.template(), mail.recipient(), attempts, properties.maxAttempts(), error, next);
    }
  }

  private static String abbreviate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}
