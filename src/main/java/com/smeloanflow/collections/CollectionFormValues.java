package com.smeloanflow.collections;

import com.smeloanflow.identity.BranchDirectory;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanBalances;
import com.smeloanflow.servicing.LoanStanding;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What every collection task's form shows, as read-only task-local values: the loan and borrower,
 * the arrears, the case with the rung reached and why this task came, and the whole contact history,
 * promises and proposals (markdown tables, oldest first).
 */
@Component
public class CollectionFormValues {

  /** The names the forms use. */
  public static final List<String> NAMES = List.of("caseId", "loanId", "borrowerName", "creditCode", "branchName",
      "legalRepName", "legalRepMobile", "principal", "outstandingPrincipal", "overduePrincipal", "overdueInterest",
      "penaltyOutstanding", "arrears", "daysPastDue", "overdueSince", "classificationName", "businessDate", "ladderText",
      "actionReason", "contactHistoryText", "promisesText", "disposalsText", "pendingDisposalText", "promiseRule");

  /** The contact history (联系记录), which shows what became of each reminder mail. */
  public static final String CONTACT_HISTORY = "contactHistoryText";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

  private final CollectionCaseService cases;
  private final LoanAccountService loans;
  private final LoanApplicationRepository applications;
  private final BranchDirectory branches;

  public CollectionFormValues(CollectionCaseService cases, LoanAccountService loans, LoanApplicationRepository applications,
      BranchDirectory branches) {
    this.cases = cases;
    this.loans = loans;
    this.applications = applications;
    this.branches = branches;
  }

  public Map<String, Object> of(String loanId) {
    LoanAccount loan = loans.find(loanId).orElseThrow();
    LoanStanding standing = loans.standing(loanId).orElseThrow();
    LoanBalances balances = loans.balances(loanId);
    LoanApplication application = applications.get(loan.applicationId());
    CollectionCaseService.CaseFile file = cases.caseFile(loanId);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("caseId", file.collectionCase().caseId());
    values.put("loanId", loanId);
    values.put("borrowerName", loan.borrowerName());
    values.put("creditCode", loan.creditCode());
    values.put("branchName", branches.find(loan.branchCode()).map(b -> b.name() + " (" + b.code() + ")").orElse(loan.branchCode()));
    values.put("legalRepName", application.legalRepName());
    values.put("legalRepMobile", application.legalRepMobile());
    values.put("principal", loan.principal().toPlainString());
    values.put("outstandingPrincipal", balances.outstandingPrincipal().toPlainString());
    values.put("overduePrincipal", balances.overduePrincipal().toPlainString());
    values.put("overdueInterest", balances.overdueInterest().toPlainString());
    values.put("penaltyOutstanding", balances.penaltyOutstanding().toPlainString());
    values.put("arrears", balances.arrears().toPlainString());
    values.put("daysPastDue", String.valueOf(standing.daysPastDue()));
    values.put("overdueSince", standing.overdueSince() == null ? "—" : standing.overdueSince().toString());
    values.put("classificationName", standing.classification().label());
    values.put("businessDate", standing.lastClosedOn() == null ? "—" : standing.lastClosedOn().toString());
    values.put("ladderText", CollectionAction.rungLabel(file.collectionCase().ladderStep()) + " (第 "
        + file.collectionCase().ladderStep() + " 级, 案件 " + file.collectionCase().statusLabel() + ")");
    values.put("actionReason", file.actionReason().isBlank() ? "—" : file.actionReason());
    values.put(CONTACT_HISTORY, contacts(file.contacts()));
    values.put("promisesText", promises(file.promises()));
    values.put("disposalsText", disposals(file.disposals()));
    values.put("pendingDisposalText", file.disposals().stream().filter(Disposal::pending).reduce((a, b) -> b)
        .map(d -> "**" + d.type().label() + "** — 提出人 " + d.proposedBy() + " (" + TIME.format(d.proposedAt()) + "): " + cell(d.reason()))
        .orElse("无待审批的建议"));
    values.put("promiseRule", "承诺还款日期须在 " + values.get("businessDate") + " 起 " + cases.maxPromiseDays() + " 天内; 到期后宽限 " + cases.graceDays()
        + " 天, 期间收到的还款累计达到承诺金额即为兑现, 否则为违约 (催收升一级)。");
    return values;
  }

  /** The case's contact history as {@link #of} shows it, read now (see {@link OpenTaskContactHistory}). */
  public String contactHistory(String loanId) {
    return contacts(cases.caseFile(loanId).contacts());
  }

  private static String contacts(List<Contact> contacts) {
    if (contacts.isEmpty()) {
      return "尚无联系记录";
    }
    StringBuilder table = new StringBuilder("| 日期 | 方式 | 结果 | 经办人 | 情况 |\n|---|---|---|---|---|\n");
    for (Contact c : contacts) {
      table.append("| ").append(c.businessDate()).append(" | ").append(c.channel().label()).append(" | ")
          .append(c.resultLabel()).append(" | ").append(c.contactedBy()).append(" | ").append(cell(c.notes())).append(" |\n");
    }
    return table.toString();
  }

  private static String promises(List<Promise> promises) {
    if (promises.isEmpty()) {
      return "尚无还款承诺";
    }
    StringBuilder table = new StringBuilder("| 承诺于 | 承诺金额(元) | 承诺日期 | 宽限至 | 状态 | 已收(元) |\n|---|---|---|---|---|---|\n");
    for (Promise p : promises) {
      table.append("| ").append(p.madeOn()).append(" | ").append(p.promisedAmount().toPlainString()).append(" | ")
          .append(p.promisedDate()).append(" | ").append(p.keptBy()).append(" | ").append(p.status().label()).append(" | ")
          .append(p.receivedAmount() == null ? "—" : p.receivedAmount().toPlainString()).append(" |\n");
    }
    return table.toString();
  }

  private static String disposals(List<Disposal> disposals) {
    if (disposals.isEmpty()) {
      return "尚无处置建议";
    }
    StringBuilder table = new StringBuilder("| 建议 | 提出人 | 理由 | 审批 | 审批人 | 意见 |\n|---|---|---|---|---|---|\n");
    for (Disposal d : disposals) {
      table.append("| ").append(d.type().label()).append(" | ").append(d.proposedBy()).append(" | ").append(cell(d.reason()))
          .append(" | ").append(d.pending() ? "待审批" : Disposal.APPROVED.equals(d.decision()) ? "批准" : "驳回").append(" | ")
          .append(d.decidedBy() == null ? "—" : d.decidedBy()).append(" | ").append(cell(d.decisionComment())).append(" |\n");
    }
    return table.toString();
  }

  /** A text as one markdown table cell. */
  private static String cell(String text) {
    return text == null || text.isBlank() ? "—" : text.replace("|", "/").replace("\n", " ");
  }
}
