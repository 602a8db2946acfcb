package com.smeloanflow.collections;

import com.smeloanflow.identity.BranchDirectory;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.FormText;
import com.smeloanflow.servicing.LoanAccount;
import com.smeloanflow.servicing.LoanAccountService;
import com.smeloanflow.servicing.LoanBalances;
import com.smeloanflow.servicing.LoanStanding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What every collection task's form shows, as read-only task-local values: the loan and borrower,
 * the arrears, the case with the rung reached and why this task came, and the contact history, promises
 * and proposals (markdown tables, oldest first). Each table keeps within {@link FormText#MAX_CHARACTERS}
 * characters, as the engine stores a string variable in 4000: a case with long contact notes shows its newest
 * contacts in full and says how many earlier ones it leaves out (更早的 N 条联系记录未显示), as no other
 * screen of Tasklist lists a case's contacts; staff read the whole history with
 * {@code GET /api/loans/{loanId}/collection-cases} ({@link CollectionCaseController}).
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
        .map(d -> "**" + d.type().label() + "** — 提出人 " + d.proposedBy() + " (" + ChineseDates.minute(d.proposedAt()) + "): "
            + cell(d.reason()))
        .orElse("无待审批的建议"));
    String from = standing.lastClosedOn() == null ? " — " : ChineseDates.day(standing.lastClosedOn());
    values.put("promiseRule", "承诺还款日期须在" + from + "起 " + cases.maxPromiseDays() + " 天内; 到期后宽限 " + cases.graceDays()
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
    List<String> rows = new ArrayList<>();
    for (Contact c : contacts) {
      rows.add("| " + ChineseDates.day(c.businessDate()) + " | " + c.channel().label() + " | " + c.resultLabel() + " | "
          + c.contactedBy() + " | " + cell(c.notes()) + " |\n");
    }
    return FormText.newestRows("| 日期 | 方式 | 结果 | 经办人 | 情况 |\n|---|---|---|---|---|\n", rows, "联系记录");
  }

  private static String promises(List<Promise> promises) {
    if (promises.isEmpty()) {
      return "尚无还款承诺";
    }
    List<String> rows = new ArrayList<>();
    for (Promise p : promises) {
      rows.add("| " + ChineseDates.day(p.madeOn()) + " | " + p.promisedAmount().toPlainString() + " | "
          + ChineseDates.day(p.promisedDate()) + " | " + ChineseDates.day(p.keptBy())
          + " | " + p.status().label() + " | " + (p.receivedAmount() == null ? "—" : p.receivedAmount().toPlainString()) + " |\n");
    }
    return FormText.newestRows("| 承诺于 | 承诺金额(元) | 承诺日期 | 宽限至 | 状态 | 已收(元) |\n|---|---|---|---|---|---|\n", rows,
        "还款承诺");
  }

  private static String disposals(List<Disposal> disposals) {
    if (disposals.isEmpty()) {
      return "尚无处置建议";
    }
    List<String> rows = new ArrayList<>();
    for (Disposal d : disposals) {
      rows.add("| " + d.type().label() + " | " + d.proposedBy() + " | " + cell(d.reason()) + " | "
          + (d.pending() ? "待审批" : Disposal.APPROVED.equals(d.decision()) ? "批准" : "驳回") + " | "
          + (d.decidedBy() == null ? "—" : d.decidedBy()) + " | " + cell(d.decisionComment()) + " |\n");
    }
    return FormText.newestRows("| 建议 | 提出人 | 理由 | 审批 | 审批人 | 意见 |\n|---|---|---|---|---|---|\n", rows, "处置建议");
  }

  /** A text as one markdown table cell. */
  private static String cell(String text) {
    return text == null || text.isBlank() ? "—" : text.replace("|", "/").replace("\n", " ");
  }
}
