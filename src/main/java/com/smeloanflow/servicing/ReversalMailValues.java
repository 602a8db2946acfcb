package com.smeloanflow.servicing;

import com.smeloanflow.notification.MailValueProvider;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Placeholders of the borrower's mails (case type LOAN) about a reversed repayment (还款冲正): the repayment reversed last
 * ({@code reversedTransactionId}, {@code reversedValueDate}, {@code reversedAmount}, {@code reversedParts}: 本金, 利息 and
 * 罚息 as far as it paid them) and {@code owedNow}, what the
 * borrower owes now and by when, read from the ledger after the reversal: what is overdue (to repay at once), the next
 * instalment and its due date, the principal still owed and today's payoff amount. Nothing while no repayment of the
 * loan was reversed. Core banking's reversal reason is not in it: it is the bank's note, not the borrower's.
 */
@Component
public class ReversalMailValues implements MailValueProvider.OfLoan {

  private final RepaymentRepository repayments;
  private final LedgerRepository ledger;
  private final PenaltyInterest penalty;
  private final BusinessClock clock;

  public ReversalMailValues(RepaymentRepository repayments, LedgerRepository ledger, PenaltyInterest penalty,
      BusinessClock clock) {
    this.repayments = repayments;
    this.ledger = ledger;
    this.penalty = penalty;
    this.clock = clock;
  }

  @Override
  public Map<String, String> values(String loanId) {
    Map<String, String> values = new HashMap<>();
    repayments.lastReversed(loanId).ifPresent(reversed -> {
      values.put("reversedTransactionId", reversed.transactionId());
      values.put("reversedValueDate", ChineseDates.day(reversed.valueDate()));
      values.put("reversedAmount", reversed.amount().toPlainString());
      values.put("reversedParts", parts(repayments.find(reversed.transactionId()).orElseThrow().allocations()));
      values.put("owedNow", owedNow(ledger.lines(loanId), clock.today()));
    });
    return values;
  }

  /** What the reversed repayment had paid, in the mail's words: 本金, 利息 and 罚息 as far as it paid them. */
  static String parts(List<AllocationLine> allocations) {
    List<String> parts = List.copyOf(AllocationLine.paidByPart(allocations).keySet());
    if (parts.isEmpty()) {
      return "款项";
    }
    return parts.size() == 1 ? parts.get(0)
        : String.join("、", parts.subList(0, parts.size() - 1)) + "和" + parts.get(parts.size() - 1);
  }

  /**
   * What the borrower owes on {@code today}, line by line, in the mail's words; what is overdue with the penalty
   * interest it bears ({@link PenaltyInterest#borrowerNote}: the penalty rule only while principal is overdue).
   */
  String owedNow(List<LedgerLine> lines, LocalDate today) {
    StringBuilder owed = new StringBuilder("目前应还款项如下：\n");
    List<LedgerLine> overdue = lines.stream().filter(line -> line.overdueOn(today)).toList();
    if (!overdue.isEmpty()) {
      BigDecimal arrears = RepaymentAllocator.arrears(lines, today);
      owed.append("逾期应还：人民币 ").append(arrears.toPlainString()).append(" 元（最早一期应还日")
          .append(ChineseDates.day(overdue.get(0).dueDate())).append("），请立即归还。")
          .append(penalty.borrowerNote(overdue.stream().anyMatch(line -> line.principalDue().signum() > 0),
              overdue.stream().anyMatch(line -> line.interestDue().signum() > 0)))
          .append("\n");
    }
    Optional<LedgerLine> next = lines.stream().filter(line -> !line.settled() && !line.overdueOn(today)).findFirst();
    next.ifPresent(line -> owed.append("下一期应还：人民币 ").append(line.outstanding().toPlainString()).append(" 元，还款日")
        .append(ChineseDates.day(line.dueDate())).append("。\n"));
    owed.append("尚欠本金：人民币 ").append(LoanBalances.of(lines).outstandingPrincipal().toPlainString())
        .append(" 元；如需于今日一次结清，应还人民币 ").append(RepaymentAllocator.payoffAmount(lines, today).toPlainString())
        .append(" 元。");
    return owed.toString();
  }
}
