package com.smeloanflow.collections;

import com.smeloanflow.notification.MailStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * One collection case as {@code GET /api/loans/{loanId}/collection-cases} shows it to staff: its status and dates, why it
 * was closed, and every contact, promise to pay and disposal proposal, oldest first, in full (a collection task's form
 * shows only the newest that fit in 3,800 characters). Money in CNY with 2 decimals, dates ISO (yyyy-MM-dd), times
 * ISO instants; a field without a value is left out.
 *
 * @param caseId            CC + opening date + number
 * @param loanId            the loan
 * @param branchCode        the loan's branch
 * @param status            OPEN, LEGAL_ACTION, CURED or WRITTEN_OFF
 * @param statusLabel       in Chinese (催收中, 诉讼中, 已结清, 已核销)
 * @param ladderStep        the highest rung reached (0 none ... 5 disposal)
 * @param ladderLabel       the rung in Chinese
 * @param openedOn          business date of the daily close that opened it
 * @param openedDaysPastDue days past due then
 * @param openedAt          when
 * @param closedOn          business date it was closed; none while open
 * @param closeReason       why it was closed; none while open
 * @param contacts          every contact attempt and its outcome
 * @param promises          every promise to pay and how it ended
 * @param disposals         every legal-action or write-off proposal and its decision
 */
public record CollectionCaseView(String caseId, String loanId, String branchCode, String status, String statusLabel,
    int ladderStep, String ladderLabel, LocalDate openedOn, int openedDaysPastDue, Instant openedAt, LocalDate closedOn,
    String closeReason, List<ContactView> contacts, List<PromiseView> promises, List<DisposalView> disposals) {

  /**
   * A contact attempt.
   *
   * @param businessDate the case's business date when it was recorded
   * @param channel      MAIL, PHONE, FIELD_VISIT, ESCALATION or LEGAL
   * @param channelLabel in Chinese
   * @param outcome      the outcome recorded
   * @param outcomeLabel what staff are shown as its result, in Chinese: for a reminder mail what became of the mail
   *                     (已发送提醒, 提醒待发送, 提醒发送失败, 待重发, 提醒已撤回 (未发出)), as on the forms' 联系记录
   * @param mailStatus   a reminder mail's status in the outbox (PENDING, SENT, FAILED, WITHDRAWN); none for other contacts
   * @param notes        what the member of staff wrote, in full
   * @param contactedBy  who (system for a reminder mail)
   * @param contactedAt  when
   */
  public record ContactView(LocalDate businessDate, ContactChannel channel, String channelLabel, ContactOutcome outcome,
      String outcomeLabel, MailStatus mailStatus, String notes, String contactedBy, Instant contactedAt) {

    static ContactView of(Contact c) {
      return new ContactView(c.businessDate(), c.channel(), c.channel().label(), c.outcome(), c.resultLabel(), c.mailStatus(),
          c.notes(), c.contactedBy(), c.contactedAt());
    }
  }

  /**
   * A promise to pay.
   *
   * @param madeOn         business date it was made
   * @param madeAt         when it was recorded: repayments received after it count towards it
   * @param promisedAmount CNY promised
   * @param promisedDate   by when
   * @param keptBy         the last business date a repayment may arrive and still keep it (its date plus grace days)
   * @param status         OPEN, KEPT, BROKEN, SUPERSEDED, CLEARED or WRITTENOFF
   * @param statusLabel    in Chinese, as on the forms' 还款承诺
   * @param receivedAmount repayments received towards it: when it was resolved, or so far while it runs (OPEN)
   * @param resolvedOn     business date it was kept, broken or closed; none while it runs
   */
  public record PromiseView(LocalDate madeOn, Instant madeAt, BigDecimal promisedAmount, LocalDate promisedDate,
      LocalDate keptBy, PromiseStatus status, String statusLabel, BigDecimal receivedAmount, LocalDate resolvedOn) {

    static PromiseView of(Promise p, BigDecimal received) {
      return new PromiseView(p.madeOn(), p.madeAt(), p.promisedAmount(), p.promisedDate(), p.keptBy(), p.status(),
          p.status().label(), received, p.resolvedOn());
    }
  }

  /**
   * A legal-action or write-off proposal and its four-eyes decision.
   *
   * @param type            LEGAL_ACTION or WRITE_OFF
   * @param typeLabel       in Chinese
   * @param reason          the proposer's reason, in full
   * @param proposedBy      who proposed it
   * @param proposedAt      when
   * @param decision        PENDING, APPROVED or REJECTED
   * @param decisionLabel   待审批, 批准 or 驳回
   * @param decidedBy       who decided it (another member of collections); none while pending
   * @param decidedAt       when; none while pending
   * @param decisionComment the decider's comment; none when they gave none
   * @param approverGroup      who was entitled to approve it (审批权限), as {@code disposal-approval-authority} decided
   *                           when it was proposed: collections, or credit-committee-chair for a write-off above 500,000
   *                           CNY outstanding (for one proposed before V142: decided at the application's first
   *                           start after the upgrade); the decider is a member of it. None on proposals recorded
   *                           before this was kept, until then
   * @param approverGroupLabel that group in Chinese (资产保全, 贷审会主任委员); none likewise
   * @param authorityPrincipal the loan's outstanding principal (CNY) the authority was decided on; none likewise
   * @param authorityReason    the decision table's reason, in Chinese; none likewise
   */
  public record DisposalView(DisposalType type, String typeLabel, String reason, String proposedBy, Instant proposedAt,
      String decision, String decisionLabel, String decidedBy, Instant decidedAt, String decisionComment,
      String approverGroup, String approverGroupLabel, BigDecimal authorityPrincipal, String authorityReason) {

    public static final String PENDING = "PENDING";

    static DisposalView of(Disposal d) {
      String decision = d.pending() ? PENDING : d.decision();
      String label = d.pending() ? "待审批" : Disposal.APPROVED.equals(d.decision()) ? "批准" : "驳回";
      return new DisposalView(d.type(), d.type().label(), d.reason(), d.proposedBy(), d.proposedAt(), decision, label,
          d.decidedBy(), d.decidedAt(), d.decisionComment(), d.approverGroup(),
          d.approverGroup() == null ? null : DisposalApprovalAuthority.groupName(d.approverGroup()), d.authorityPrincipal(),
          d.authorityReason());
    }
  }

  /** The case file as the view shows it; {@code receivedTowards} says what was received towards each promise. */
  static CollectionCaseView of(CollectionCaseService.CaseFile file, Function<Promise, BigDecimal> receivedTowards) {
    CollectionCase c = file.collectionCase();
    return new CollectionCaseView(c.caseId(), c.loanId(), c.branchCode(), c.status(), c.statusLabel(), c.ladderStep(),
        CollectionAction.rungLabel(c.ladderStep()), c.openedOn(), c.openedDaysPastDue(), c.openedAt(), c.closedOn(),
        c.closeReason(), file.contacts().stream().map(ContactView::of).toList(),
        file.promises().stream().map(p -> PromiseView.of(p, receivedTowards.apply(p))).toList(),
        file.disposals().stream().map(DisposalView::of).toList());
  }
}
