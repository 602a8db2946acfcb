package com.smeloanflow.notification;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.NotFoundException;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.platform.StateConflictException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mails to applicants and borrowers, and to staff about their work ({@link #enqueueToStaff}): queued in the
 * transaction of the state change that causes them, sent apart from the process by {@link MailDispatcher}. A mail outage therefore never holds up
 * an application or a loan; the mail waits in {@code mail_outbox} and goes out when the SMTP server
 * is back.
 *
 * <p>Nor does a mail that cannot be rendered: {@link #enqueue} renders inside a savepoint of the caller's transaction
 * (Spring's NESTED propagation on the JDBC transaction manager), so that a provider's failed read leaves the
 * transaction usable, also on PostgreSQL, and the state change (a drawdown core banking has paid out, a reversal, the
 * daily close's settlements) commits with the mail recorded as FAILED and never rendered, until an operator
 * re-queues it ({@link #requeue}).
 */
@Service
public class MailOutbox {

  private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

  private final MailOutboxRepository outbox;
  private final MailRenderer renderer;
  private final List<MailValueProvider> providers;
  private final BusinessClock clock;
  private final MailStatusNotices notices;
  private final TransactionTemplate savepoint;

  public MailOutbox(MailOutboxRepository outbox, MailRenderer renderer, List<MailValueProvider> providers,
      BusinessClock clock, MailStatusNotices notices, PlatformTransactionManager transactions) {
    this.outbox = outbox;
    this.renderer = renderer;
    this.providers = providers;
    this.clock = clock;
    this.notices = notices;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * Renders {@code template} for the case now (the mail says what is true at this moment) and queues
   * it in the caller's transaction: committed with it, rolled back with it. Never talks to the SMTP
   * server. {@code caseId} is what the template's {@linkplain MailTemplate#caseType case type} says:
   * an application id, or a loan id.
   *
   * <p>A mail that cannot be rendered (a {@link MailValueProvider} throws, or its read fails; a placeholder without a
   * value; not exactly one recipient) never fails the caller: the rendering's statements are rolled back to a
   * savepoint taken before it, the mail is queued FAILED and {@linkplain OutboxMail#renderFailed never rendered},
   * its {@code lastError} naming the template, the case and the cause, and the failure is logged as an error. It is
   * never sent as it is; an operator re-queues it once the cause is fixed ({@link #requeue} renders it then).
   *
   * @return the id of the queued mail (PENDING, or FAILED when it could not be rendered)
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long enqueue(String caseId, MailTemplate template) {
    MailCaseType caseType = template.caseType();
    Rendering rendering = renderInSavepoint(caseType, caseId, template);
    if (rendering.failure() != null) {
      String error = "Not rendered: mail " + template + " of " + caseType + " " + caseId + ": " + describe(rendering.failure());
      long id = outbox.insertRenderFailed(caseType, caseId, template, rendering.recipient(), error, clock.now());
      log.error("{} {}: mail {} could not be rendered; queued FAILED (outbox id {}), the state change goes on. Fix the"
              + " cause, then re-queue it: POST /api/admin/mail-outbox/{}/retry", caseType, caseId, template, id, id,
          rendering.failure());
      return id;
    }
    long id = outbox.insert(caseType, caseId, template, rendering.recipient(), rendering.subject(), rendering.body(),
        clock.now());
    log.info("{} {}: mail {} queued (outbox id {})", caseType, caseId, template, id);
    return id;
  }

  /**
   * Queues a mail to a member of staff ({@link MailCaseType#STAFF}) in the caller's transaction: the sender
   * names the recipient and gives every placeholder's value (plus {@code today}); no value provider is asked.
   * Unlike {@link #enqueue} it throws when the mail cannot be rendered: it reads nothing, so the only cause is a
   * template the sender does not fill (a programming error), and its values exist only in the sender's hands, so a
   * re-queue could not render it later. Its one sender, the SLA monitor, queues in a transaction of its own that
   * holds a reminder's record, never a step of the credit process.
   *
   * @param caseId the business key of the process the mail is about
   * @return the id of the queued mail
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long enqueueToStaff(String caseId, MailTemplate template, String recipient, Map<String, String> values) {
    Map<String, String> all = new HashMap<>(values);
    all.put("today", ChineseDates.day(clock.today()));
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
    return outbox.find(id).orElseThrow(() -> new NotFoundException("邮件不存在", "邮件 " + id + " 不存在",
        "mail " + id + " is not in the outbox"));
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
   * Withdraws the case's mails of {@code template} queued at or after {@code queuedSince} that are not sent yet (PENDING
   * or FAILED), in the caller's transaction: {@link MailStatus#WITHDRAWN}, with {@code reason} and the time, never sent
   * and never re-queued. A mail a dispatcher is sending at this moment is withdrawn too, but the dispatcher's outcome
   * stands if the SMTP server takes it (then it is SENT: see {@link #sentOrBeingSent}); a mail already SENT stays as it
   * is. Repeatable: a second call finds nothing left to withdraw. The {@link MailStatusListener}s are told of each mail
   * withdrawn once the caller's transaction commits.
   *
   * @return the ids of the mails withdrawn, oldest first
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Long> withdraw(MailCaseType caseType, String caseId, MailTemplate template, Instant queuedSince,
      String reason) {
    Instant now = clock.now();
    List<Long> withdrawn = outbox.unsentIds(caseType, caseId, template, queuedSince).stream()
        .filter(id -> outbox.withdraw(id, reason, now)).toList();
    if (!withdrawn.isEmpty()) {
      log.info("{} {}: mail {} withdrawn before it was sent (outbox ids {}): {}", caseType, caseId, template, withdrawn,
          reason);
    }
    withdrawn.forEach(id -> notices.changed(id, template));
    return withdrawn;
  }

  /**
   * Whether a mail of the case of {@code template} queued at or after {@code queuedSince} was sent, or may be reaching
   * its recipient: a dispatcher holds it (it was being sent when it was withdrawn, or its sender died while sending
   * it). False when every such mail waited unsent, failed or was withdrawn before any attempt to send it: the
   * recipient never saw it.
   */
  public boolean sentOrBeingSent(MailCaseType caseType, String caseId, MailTemplate template, Instant queuedSince) {
    return outbox.anySentOrBeingSent(caseType, caseId, template, queuedSince);
  }

  /**
   * An operator re-queues a FAILED mail once the cause is fixed: PENDING again, due at once, with
   * a fresh count of attempts. Only a FAILED mail can be re-queued; a {@link MailStatus#WITHDRAWN} one never is. A mail
   * that was {@linkplain OutboxMail#renderFailed never rendered} is rendered now (it says what is true now); while it
   * still cannot be rendered the re-queue is refused, naming the cause, and the mail stays as it is.
   */
  @Transactional
  public OutboxMail requeue(long id, String operator) {
    OutboxMail mail = get(id);
    if (mail.status() == MailStatus.WITHDRAWN) {
      throw withdrawn(mail);
    }
    if (mail.status() == MailStatus.FAILED && mail.renderFailed()) {
      requeueRenderedNow(mail, operator);
      return get(id);
    }
    if (!outbox.requeueFailed(id, clock.now())) {
      OutboxMail now = get(id);
      if (now.status() == MailStatus.WITHDRAWN) {
        throw withdrawn(now);
      }
      throw new StateConflictException("邮件 " + id + " 当前状态为 " + mail.status() + ", 只有发送失败 (FAILED) 的邮件可以重新排队"
          + " (mail " + id + " is " + mail.status() + "; only a FAILED mail can be re-queued)");
    }
    log.info("Mail {} ({} for {} {}) re-queued by {}", id, mail.template(), mail.caseType(), mail.caseId(), operator);
    notices.changed(id, mail.template());
    return get(id);
  }

  private void requeueRenderedNow(OutboxMail mail, String operator) {
    Rendering rendering = renderInSavepoint(mail.caseType(), mail.caseId(), mail.template());
    if (rendering.failure() != null) {
      log.warn("Mail {} ({} for {} {}) still cannot be rendered; re-queue by {} refused", mail.id(), mail.template(),
          mail.caseType(), mail.caseId(), operator, rendering.failure());
      throw new StateConflictException("邮件 " + mail.id() + " 仍无法生成, 未重新排队: " + describe(rendering.failure())
          + " (mail " + mail.id() + ", " + mail.template() + " of " + mail.caseType() + " " + mail.caseId()
          + ", still cannot be rendered; fix the cause and re-queue it again)");
    }
    if (!outbox.requeueRendered(mail.id(), rendering.recipient(), rendering.subject(), rendering.body(), clock.now())) {
      OutboxMail now = get(mail.id());
      if (now.status() == MailStatus.WITHDRAWN) {
        throw withdrawn(now);
      }
      throw new StateConflictException("邮件 " + mail.id() + " 已不是发送失败 (FAILED) 状态, 只有发送失败的邮件可以重新排队"
          + " (mail " + mail.id() + " is no longer FAILED; only a FAILED mail can be re-queued)");
    }
    log.info("Mail {} ({} for {} {}) rendered and re-queued by {}", mail.id(), mail.template(), mail.caseType(),
        mail.caseId(), operator);
    notices.changed(mail.id(), mail.template());
  }

  private static StateConflictException withdrawn(OutboxMail mail) {
    return new StateConflictException(StaffText.of("邮件 " + mail.id() + " 已于" + ChineseDates.minute(mail.withdrawnAt())
            + " 撤回, 不会发送, 也不能重新排队: " + mail.withdrawalReason(),
        "mail " + mail.id() + " was withdrawn at " + mail.withdrawnAt() + " and is never sent nor re-queued: "
            + mail.withdrawalReason()));
  }

  /**
   * The mail rendered, or why not: {@code failure} set, {@code recipient} what was resolved before it ('' if nothing).
   */
  private record Rendering(String recipient, String subject, String body, RuntimeException failure) {}

  /**
   * Asks the case type's providers for the recipient and the values and renders the template, inside a savepoint of
   * the caller's transaction: on failure its statements are rolled back to it (a failed statement aborts a
   * PostgreSQL transaction unless it is), and the caller's transaction goes on.
   */
  private Rendering renderInSavepoint(MailCaseType caseType, String caseId, MailTemplate template) {
    AtomicReference<String> recipient = new AtomicReference<>("");
    try {
      return savepoint.execute(tx -> {
        List<MailValueProvider> ofCase = providers.stream().filter(provider -> provider.caseType() == caseType).toList();
        recipient.set(recipient(ofCase, caseType, caseId));
        Map<String, String> values = new HashMap<>();
        ofCase.forEach(provider -> values.putAll(provider.values(caseId)));
        values.put("today", ChineseDates.day(clock.today()));
        MailRenderer.RenderedMail mail = renderer.render(template, values);
        return new Rendering(recipient.get(), mail.subject(), mail.body(), null);
      });
    } catch (RuntimeException e) {
      return new Rendering(recipient.get(), "", "", e);
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
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
