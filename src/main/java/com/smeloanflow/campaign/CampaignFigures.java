package com.smeloanflow.campaign;

import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.creditline.CreditLineService;
import com.smeloanflow.creditline.DrawnOnLine;
import com.smeloanflow.identity.BranchDirectory;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The campaign funnel per branch and per customer manager (read only, for the API and the manager dashboard):
 * prospects, contacted (at least one contact recorded), interested, applied (a loan application
 * submitted), approved (the application was approved at some time, read from the case file), and its two ends:
 * disbursed (a loan paid out: the application is DISBURSED) and linesOpened (a revolving line opened: a
 * REVOLVING_LINE application is DISBURSED too, 额度已开通, but nothing was paid out, so it is not counted as disbursed).
 * Whether the lines opened are used: linesDrawn (of them, the lines drawn on at least once, 已提款额度) and drawnAmount
 * (what their drawdowns drew, CNY). Like the rest of the funnel these are as of now, over each line's life so far:
 * every drawdown core banking booked on the line since it opened, whenever that was (the funnel has no period; a
 * drawdown is a loan of the line, so it is not counted in disbursed). Prospects that converted without the campaign's
 * contact and ended so (CONVERTED, no contact task offered again) are counted apart, by how: appliedElsewhere (the
 * enterprise applied through another channel, 已自行申请) and existingCustomers (it became a customer, 已是我行客户);
 * their applications are not the campaign's, so they are in neither applied nor the figures after it. Of
 * appliedElsewhere, appliedElsewhereRejectedOrWithdrawn counts those whose application was then rejected or withdrawn
 * (已自行申请但被拒绝或撤销): the prospect stays CONVERTED (the campaign's manager does not market a loan around the bank's
 * credit decision, nor call an enterprise that withdrew), and the enterprise, no longer applied nor a customer, may be
 * in a later whitelist: this figure tells the campaign manager how many there are.
 */
@Service
public class CampaignFigures {

  private final CampaignRepository repository;
  private final CaseFiles caseFiles;
  private final BranchDirectory branches;
  private final LoanApplicationRepository applications;
  private final CreditLineService creditLines;

  public CampaignFigures(CampaignRepository repository, CaseFiles caseFiles, BranchDirectory branches,
      LoanApplicationRepository applications, CreditLineService creditLines) {
    this.repository = repository;
    this.caseFiles = caseFiles;
    this.branches = branches;
    this.applications = applications;
    this.creditLines = creditLines;
  }

  /**
   * One row of the funnel; {@code customerManager} is null in a branch's row, both are null in the total. An
   * approved application ends in {@code disbursed} (a loan paid out) or {@code linesOpened} (a revolving line opened,
   * nothing paid out), never both; of the lines opened, {@code linesDrawn} were drawn on at least once so far and
   * {@code drawnAmount} is what they drew.
   */
  public record Funnel(
      @Schema(example = "ZY001") String branchCode,
      @Schema(example = "汇川支行") String branchName,
      @Schema(example = "zy001-cm") String customerManager,
      @Schema(example = "40") long prospects,
      @Schema(example = "31") long contacted,
      @Schema(example = "9") long interested,
      @Schema(example = "9") long applied,
      @Schema(example = "6") long approved,
      @Schema(example = "5", description = "Loans paid out (已放款); a revolving line's opening is not one") long disbursed,
      @Schema(example = "2", description = "Revolving lines opened (额度已开通): credit granted, nothing paid out")
      long linesOpened,
      @Schema(example = "1", description = "Of the lines opened, those drawn on at least once so far (已提款额度): every "
          + "drawdown booked since the line opened counts, the funnel has no period")
      long linesDrawn,
      @Schema(example = "300000.00", description = "CNY drawn on the lines opened so far (额度提款金额): their drawdowns, each a "
          + "loan of the line, not counted in disbursed")
      BigDecimal drawnAmount,
      @Schema(example = "3", description = "Prospects ended as converted because the enterprise applied through another"
          + " channel while it was worked (已自行申请); not in applied") long appliedElsewhere,
      @Schema(example = "1", description = "Prospects ended as converted because the enterprise had become a customer (a loan"
          + " paid out or a line opened) by its next contact (已是我行客户); not in applied") long existingCustomers,
      @Schema(example = "1", description = "Of appliedElsewhere, those whose application was then rejected or withdrawn"
          + " (已自行申请但被拒绝或撤销): still converted, no contact task offered; a later whitelist may take the enterprise"
          + " again") long appliedElsewhereRejectedOrWithdrawn) {}

  /** The funnel of one campaign (or every campaign when {@code campaignId} is null). */
  public record Figures(@Schema(example = "WL20261201000001") String campaignId, Funnel total, List<Funnel> branches,
      List<Funnel> managers) {}

  /**
   * @param campaignId   one campaign, or null for all
   * @param onlyBranches the branches the caller may see (empty: every branch)
   */
  public Figures of(String campaignId, Optional<Set<String>> onlyBranches) {
    Tally tally = new Tally();
    for (CampaignRepository.ManagerFunnel manager : repository.funnelByManager(campaignId, onlyBranches)) {
      tally.counters(manager.branchCode(), manager.customerManager()).forEach(counter -> counter.add(manager));
    }
    List<CampaignRepository.AppliedProspect> applied = repository.appliedProspects(campaignId, onlyBranches);
    Map<ApplicationStatus, Set<String>> reached = caseFiles.reached(
        applied.stream().map(CampaignRepository.AppliedProspect::applicationId).toList(),
        EnumSet.of(ApplicationStatus.APPROVED, ApplicationStatus.DISBURSED));
    // A REVOLVING_LINE application is DISBURSED when its line opens: credit granted, nothing paid out.
    Set<String> linesOpened = applications.ofProduct(reached.get(ApplicationStatus.DISBURSED), Product.REVOLVING_LINE);
    // Whether the lines are used: what was drawn on each since it opened (a line never drawn on is not in the map).
    Map<String, DrawnOnLine> drawn = creditLines.drawnOnLinesOf(linesOpened);
    for (CampaignRepository.AppliedProspect prospect : applied) {
      boolean approved = reached.get(ApplicationStatus.APPROVED).contains(prospect.applicationId());
      boolean granted = reached.get(ApplicationStatus.DISBURSED).contains(prospect.applicationId());
      boolean lineOpened = granted && linesOpened.contains(prospect.applicationId());
      DrawnOnLine drawnOnLine = lineOpened ? drawn.get(prospect.applicationId()) : null;
      tally.counters(prospect.branchCode(), prospect.customerManager())
          .forEach(counter -> counter.addApplication(approved, granted && !lineOpened, lineOpened, drawnOnLine));
    }
    List<CampaignRepository.AppliedProspect> elsewhere = repository.appliedElsewhereProspects(campaignId, onlyBranches);
    Map<ApplicationStatus, Set<String>> ended = caseFiles.reached(
        elsewhere.stream().map(CampaignRepository.AppliedProspect::applicationId).toList(),
        EnumSet.of(ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN));
    for (CampaignRepository.AppliedProspect prospect : elsewhere) {
      if (ended.get(ApplicationStatus.REJECTED).contains(prospect.applicationId())
          || ended.get(ApplicationStatus.WITHDRAWN).contains(prospect.applicationId())) {
        tally.counters(prospect.branchCode(), prospect.customerManager())
            .forEach(counter -> counter.appliedElsewhereRejectedOrWithdrawn++);
      }
    }
    Map<String, String> names = new HashMap<>();
    Function<String, String> branchName = code -> names.computeIfAbsent(code,
        c -> branches.find(c).map(BranchDirectory.Branch::name).orElse(c));
    return new Figures(campaignId, tally.total.funnel(null),
        tally.perBranch.values().stream().map(c -> c.funnel(branchName.apply(c.branch))).toList(),
        tally.perManager.values().stream().map(c -> c.funnel(branchName.apply(c.branch))).toList());
  }

  /** The total, each branch's and each customer manager's counters, in code order. */
  private static final class Tally {
    final Counter total = new Counter(null, null);
    final Map<String, Counter> perBranch = new TreeMap<>();
    final Map<String, Counter> perManager = new TreeMap<>();

    /** The counters a prospect of this manager adds to: the total, the branch's and the manager's. */
    List<Counter> counters(String branchCode, String customerManager) {
      return List.of(total, perBranch.computeIfAbsent(branchCode, code -> new Counter(code, null)),
          perManager.computeIfAbsent(branchCode + "/" + customerManager, key -> new Counter(branchCode, customerManager)));
    }
  }

  private static final class Counter {
    final String branch;
    final String manager;
    long prospects;
    long contacted;
    long interested;
    long applied;
    long approved;
    long disbursed;
    long linesOpened;
    long linesDrawn;
    BigDecimal drawnAmount = BigDecimal.ZERO.setScale(2);
    long appliedElsewhere;
    long existingCustomers;
    long appliedElsewhereRejectedOrWithdrawn;

    Counter(String branch, String manager) {
      this.branch = branch;
      this.manager = manager;
    }

    void add(CampaignRepository.ManagerFunnel manager) {
      prospects += manager.prospects();
      contacted += manager.contacted();
      interested += manager.interested();
      appliedElsewhere += manager.appliedElsewhere();
      existingCustomers += manager.existingCustomers();
    }

    /** @param drawnOnLine what the opened line drew so far, null when it drew nothing (or no line opened) */
    void addApplication(boolean wasApproved, boolean wasDisbursed, boolean lineWasOpened, DrawnOnLine drawnOnLine) {
      applied++;
      approved += wasApproved ? 1 : 0;
      disbursed += wasDisbursed ? 1 : 0;
      linesOpened += lineWasOpened ? 1 : 0;
      if (drawnOnLine != null && drawnOnLine.drawdowns() > 0) {
        linesDrawn++;
        drawnAmount = drawnAmount.add(drawnOnLine.amount());
      }
    }

    Funnel funnel(String branchName) {
      return new Funnel(branch, branch == null ? null : branchName, manager, prospects, contacted, interested, applied, approved,
          disbursed, linesOpened, linesDrawn, drawnAmount.setScale(2, RoundingMode.HALF_UP), appliedElsewhere, existingCustomers,
          appliedElsewhereRejectedOrWithdrawn);
    }
  }
}
