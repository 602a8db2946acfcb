package com.smeloanflow.dashboard;

import com.smeloanflow.campaign.CampaignFigures;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Every figure of the manager dashboard (管理看板), as {@code GET /api/dashboard} answers it and the page
 * shows it. Rates are percentages with one decimal (the NPL ratio two; null when nothing was counted), money is
 * CNY with two.
 *
 * @param branches the branches the figures cover; null when they cover the whole bank
 */
public record DashboardFigures(
    @Schema(example = "2026-01-01") LocalDate from,
    @Schema(example = "2026-12-31") LocalDate to,
    @Schema(example = "[\"ZY001\"]") List<String> branches,
    @Schema(example = "2026-12-01T09:30:00Z") Instant asOf,
    List<CycleTime> cycleTimes,
    List<SlaCompliance> sla,
    List<GroupBacklog> backlog,
    Decisions decisions,
    List<MonthlyDisbursement> disbursed,
    Portfolio portfolio,
    List<MonthlyWriteOff> writeOffs,
    List<LadderStep> collections,
    CampaignFigures.Funnel campaign) {

  /** The stretches of an application's way through the bank whose duration is measured. */
  public enum Stretch {
    ACCEPTANCE("申请→受理"),
    DECISION("受理→审批决定"),
    SIGNATURE("审批决定→签约"),
    /** A term loan's payout (its core banking posting); a revolving line pays nothing out and is not counted here. */
    DISBURSEMENT("签约→放款"),
    TOTAL("申请→放款"),
    /** A revolving line's opening (额度开通): the credit is granted, nothing is paid out. */
    LINE_OPENING("签约→额度开通"),
    LINE_TOTAL("申请→额度开通");

    private final String label;

    Stretch(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** How long one stretch took for the applications that finished it in the period. */
  public record CycleTime(
      @Schema(example = "DECISION") Stretch stretch,
      @Schema(example = "受理→审批决定") String label,
      @Schema(example = "42") long applications,
      @Schema(example = "3.5") BigDecimal medianWorkingHours,
      @Schema(example = "9.0") BigDecimal p90WorkingHours,
      @Schema(example = "20.2") BigDecimal medianHours,
      @Schema(example = "70.0") BigDecimal p90Hours) {}

  /** SLA compliance of one task type: completed in the period on time or late, and open past the deadline now. */
  public record SlaCompliance(
      @Schema(example = "loan-origination") String processKey,
      @Schema(example = "UserTask_AcceptApplication") String taskKey,
      @Schema(example = "受理贷款申请") String taskName,
      @Schema(example = "40") long completed,
      @Schema(example = "37") long onTime,
      @Schema(example = "3") long late,
      @Schema(example = "30") long withinGoal,
      @Schema(example = "5") long open,
      @Schema(example = "1") long openOverdue,
      @Schema(example = "1") long escalated,
      @Schema(example = "92.5") BigDecimal onTimeRate) {}

  /** The open tasks offered to one candidate group now. */
  public record GroupBacklog(
      @Schema(example = "ZY001-acceptance") String group,
      @Schema(example = "汇川支行 受理岗") String groupName,
      @Schema(example = "7") long open,
      @Schema(example = "4") long unassigned,
      @Schema(example = "1") long overdue) {}

  /** Credit decisions taken in the period: approvals by authority, rejections, withdrawals. */
  public record Decisions(
      @Schema(example = "50") long decided,
      @Schema(example = "40") long approved,
      @Schema(example = "25") long approvedAuto,
      @Schema(example = "12") long approvedByApprover,
      @Schema(example = "3") long approvedByCommittee,
      @Schema(example = "10") long rejected,
      @Schema(example = "2") long withdrawn,
      @Schema(example = "80.0") BigDecimal approvalRate,
      @Schema(example = "20.0") BigDecimal rejectionRate,
      @Schema(example = "50.0") BigDecimal autoRate) {}

  /**
   * Loans paid out in one calendar month (China Standard Time): the term loans core banking paid out at disbursement,
   * the drawdowns on credit lines, each drawdown a loan of its own paid out by its own posting, and the renewals without
   * repaying principal (无还本续贷), each a new loan whose posting repaid the old loan's principal due at maturity
   * (借新还旧): counted in the month's 发放 as inclusive-finance reporting counts them, and shown apart because no new
   * money reached the borrower. Opening a line pays nothing out and is not counted.
   *
   * @param loans          every loan paid out: term loans, drawdowns and renewals
   * @param amount         what they lent together, CNY (less {@code renewalAmount}: the new money)
   * @param drawdowns      of which drawdowns on credit lines (循环额度提款)
   * @param drawdownAmount what the drawdowns paid out, CNY
   * @param renewals       of which renewals without repaying principal (无还本续贷), in the month of their maturity
   * @param renewalAmount  what the renewals lent, CNY: it repaid the old loans, no money left the bank
   */
  public record MonthlyDisbursement(
      @Schema(example = "2026-11") String month,
      @Schema(example = "12", description = "loans paid out: term loans, drawdowns on credit lines and renewals without "
          + "repaying principal (无还本续贷)") long loans,
      @Schema(example = "3700000.00", description = "CNY lent by them; less renewalAmount, the new money paid out") BigDecimal amount,
      @Schema(example = "3", description = "of which drawdowns on credit lines (循环额度提款)") long drawdowns,
      @Schema(example = "600000.00", description = "CNY paid out by the drawdowns") BigDecimal drawdownAmount,
      @Schema(example = "1", description = "of which renewals without repaying principal (其中无还本续贷): a new loan that "
          + "repaid the old one at its maturity, counted in the month of that maturity") long renewals,
      @Schema(example = "100000.00", description = "CNY the renewals lent: it repaid the old loans' principal, no new money "
          + "left the bank") BigDecimal renewalAmount) {}

  /**
   * Loans written off (核销) and money received after a write-off (核销后收回) in one calendar month of the period, the
   * bad-debt disposal (不良处置) a manager follows month by month. A write-off counts in the month of its business date;
   * a recovery in the month of its value date (the business date core banking received the money), whichever month it
   * was reported in, and also when the loan was written off before the period. A recovery reversed since (退票) is not
   * counted at all: the money never came in, so its month's figures drop when the reversal arrives.
   *
   * @param writtenOff          loans written off in the month
   * @param writtenOffPrincipal the principal they owed at the write-off, CNY ({@code written_off_principal})
   * @param writtenOffClaim     the claim the bank kept (账销案存), CNY: that principal, the interest fallen due and unpaid
   *                            and the penalty interest accrued and unpaid at the write-off
   * @param recoveries          recoveries received in the month, not reversed (of loans written off in any month)
   * @param recovered           what they paid, CNY
   * @param recoveredPrincipal  of which principal written off (a recovery pays principal first, then interest, then
   *                            penalty interest)
   */
  public record MonthlyWriteOff(
      @Schema(example = "2026-11") String month,
      @Schema(example = "2", description = "loans written off (核销笔数), counted in the month of the write-off's business date")
          long writtenOff,
      @Schema(example = "180000.00", description = "CNY of principal written off (核销本金)") BigDecimal writtenOffPrincipal,
      @Schema(example = "186420.35", description = "CNY of the claim kept at the write-off (核销债权, 账销案存): the principal, "
          + "the interest fallen due and unpaid and the penalty interest accrued and unpaid that day") BigDecimal writtenOffClaim,
      @Schema(example = "3", description = "recoveries after a write-off (核销后收回笔数) with a value date in the month, of loans "
          + "written off in any month; a recovery reversed since is not counted") long recoveries,
      @Schema(example = "45000.00", description = "CNY those recoveries paid (收回金额)") BigDecimal recovered,
      @Schema(example = "40000.00", description = "of which CNY of principal written off (其中收回本金); the rest paid the "
          + "interest and penalty interest of the claim") BigDecimal recoveredPrincipal) {}

  /** The book now: active loans by five-tier classification with their outstanding principal, and the NPL ratio. */
  public record Portfolio(
      List<ClassificationShare> classifications,
      @Schema(example = "120") long loans,
      @Schema(example = "36000000.00") BigDecimal balance,
      @Schema(example = "540000.00") BigDecimal nonPerformingBalance,
      @Schema(example = "1.50") BigDecimal nplRatio) {}

  public record ClassificationShare(
      @Schema(example = "SUBSTANDARD") String classification,
      @Schema(example = "次级") String label,
      @Schema(example = "2") long loans,
      @Schema(example = "400000.00") BigDecimal balance) {}

  /** Open collection cases on one rung of the ladder now. */
  public record LadderStep(
      @Schema(example = "2") int step,
      @Schema(example = "电话催收") String label,
      @Schema(example = "4") long openCases) {}
}
