package com.smeloanflow.notification;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.StateConflictException;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mails to applicants and borrowers: queued in the transaction of the state change that causes
 * them, sent apart from the process by {@link MailDispatcher}. A mail outage therefore never holds up
 * an application or a loan; the mail waits in {@code mail_outbox} and goes out when the SMTP server
 * is back.
 */
@Service
public class MailOutbox {

  private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final MailOutboxRepository outbox;
  private final MailRenderer renderer;
  private final List<MailValueProvider> providers;
  private final BusinessClock clock;

  public MailOutbox(MailOutboxRepository outbox, MailRenderer renderer, List<MailValueProvider> providers,
      BusinessClock clock) {
    this.outbox = outbox;
    this.renderer = renderer;
    this.providers = providers;
    this.clock = clock;
  }

  /**
   * Renders {@code template} for the case now (the mail says what is true at this moment) and queues
   * it in the caller's transaction: rolled back with it, committed with it. Never talks to the SMTP
   * server. {@code caseId} is what the template's {@linkplain MailTemplate#caseType case type} says:
   * an application id, or a loan id. A placeholder without a value, or no recipient, is a programming
   * error and throws.
   *
   * @return the id of the queued mail
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long enqueue(String caseId, MailTemplate template) {
    MailCaseType caseType = template.caseType();
    List<MailValueProvider> ofCase = providers.stream().filter(provider -> provider.caseType() == caseType).toList();
    Map<String, String> values = new HashMap<>();
    ofCase.forEach(provider -> values.putAll(provider.values(caseId)));
    values.put("today", DATE.format(clock.today()));
    MailRenderer.RenderedMail mail = renderer.render(template, values);
    long id = outbox.insert(caseType, caseId, template, recipient(ofCase, caseType, caseId), mail.subject(), mail.body(),
        clock.now());
    log.info("{} {}: mail {} queued (outbox id {})", caseType, caseId, template, id);
    return id;
  }

  /**
   * Queues a mail to a member of staff ({@link MailCaseType#STAFF}) in the caller's transaction: the sender
   * names the recipient and gives every placeholder's value (plus {@code today}); no value provider is asked.
   *
   * @param caseId the business key of the process the mail is about
   * @return the id of the queued mail
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long enqueueToStaff(String caseId, MailTemplate template, String recipient, Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    all.put("today", DATE.format(clock.today()));
    MailRenderer.RenderedMail mail = renderer.render(template, all);
    long id = outbox.insert(MailCaseType.STAFF, caseId, template, recipient, mail.subject(), mail.body(), clock.now());
    log.info("{}: staff mail {} to {} queued (outbox id {})", caseId, template, recipient, id);
    return id;
  }

  /** Every mail to staff about a case, queued, sent or failed, in the order they were queued. */
  public List<OutboxMail> staffMailsOf(String caseId) {
    return outbox.findByCase(MailCaseType.STAFF, caseId);
  }

  public OutboxMail get(long id) {
    return outbox.find(id).orElseThrow(() -> new NoSuchElementException("Mail " + id + " is not in the outbox"));
  }

  /** Every mail of an application, queued, sent or failed, in the order they were queued. */
  public List<OutboxMail> mailsOf(String applicationId) {
    return mailsOf(MailCaseType.APPLICATION, applicationId);
  }

  /** Every mail of a case (an application, a loan), in the order they were queued. */
  public List<OutboxMail> mailsOf(MailCaseType caseType, String caseId) {
    return outbox.findByCase(caseType, caseId);
  }

  /** The newest {@code limit} mails in a status (e.g. FAILED, for an operator). */
  public List<OutboxMail> withStatus(MailStatus status, int limit) {
    return outbox.findByStatus(status, limit);
  }

  /**
   * An operator re-queues a FAILED mail once the cause is fixed: PENDING again, due at once, with
   * a fresh count of attempts. Only a FAILED mail can be re-queued.
   */
  @Transactional
  public OutboxMail requeue(long id, String operator) {
    OutboxMail mail = get(id);
    if (!outbox.requeueFailed(id, clock.now())) {
      throw new StateConflictException("Mail " + id + " is " + mail.status() + "; only a FAILED mail can be re-queued");
    }
    log.info("Mail {} ({} for {} {}) re-queued by {}", id, mail.template(), mail.caseType(), mail.caseId(), operator);
    return get(id);
  }

  private static String recipient(List<MailValueProvider> ofCase, MailCaseType caseType, String caseId) {
    List<String> recipients = ofCase.stream().flatMap(p -> p.recipient(caseId).stream()).distinct().toList();
    if (recipients.size() != 1) {
      throw new IllegalStateException(caseType + " " + caseId + ": exactly one MailValueProvider must name the"
          + " recipient, found " + recipients);
    }
    return recipients.get(0);
  }
}
