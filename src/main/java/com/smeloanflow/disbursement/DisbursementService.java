package com.smeloanflow.disbursement;

import com.smeloanflow.approval.ApprovalDecisions;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Pays out an approved loan: one posting to core banking (idempotency key = application id, so a
 * retried or raced step never pays twice) of exactly the approved amount, kept in
 * {@code disbursement_posting}. Servicing opens the loan account from it.
 */
@Service
public class DisbursementService {

  /** The posting that paid an application's loan out. */
  public record Posting(String applicationId, String postingReference, java.math.BigDecimal amount, java.time.Instant postedAt) {}

  private final LoanApplicationRepository applications;
  private final ApprovalDecisions approvals;
  private final CoreBankingGateway coreBanking;
  private final ApplicationHistory history;
  private final JdbcClient jdbc;

  public DisbursementService(LoanApplicationRepository applications, ApprovalDecisions approvals, CoreBankingGateway coreBanking,
      ApplicationHistory history, JdbcClient jdbc) {
    this.applications = applications;
    this.approvals = approvals;
    this.coreBanking = coreBanking;
    this.history = history;
    this.jdbc = jdbc;
  }

  /** The enterprise's basic settlement account at the bank, as core banking identifies it by credit code. */
  public static String settlementAccount(LoanApplication application) {
    return "BASIC-" + application.creditCode();
  }

  public Posting disburse(String applicationId) {
    Optional<Posting> earlier = posting(applicationId);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    LoanApplication application = applications.get(applicationId);
    ApprovalDecisions.Approval approval = approvals.find(applicationId).filter(ApprovalDecisions.Approval::confirmed)
        .orElseThrow(() -> new IllegalStateException("Application " + applicationId + " is not approved; nothing may be paid out"));
    CorePosting posting = coreBanking.disburse(DisbursementOrder.forApplication(applicationId, application.enterpriseName(),
        application.creditCode(), settlementAccount(application), approval.approvedAmount()));
    jdbc.sql("""
        INSERT INTO disbursement_posting (application_id, posting_reference, amount, posted_at) VALUES (:a, :ref, :amount, :at)
        """)
        .param("a", applicationId).param("ref", posting.postingReference()).param("amount", posting.amount())
        .param("at", Timestamp.from(posting.postedAt()))
        .update();
    history.record(applicationId, "system", "DISBURSED", "核心记账 " + posting.postingReference()
        + (posting.replayed() ? " (核心系统已记账, 本次为重试确认)" : "") + ", " + posting.amount().toPlainString() + " 元, 审批 "
        + approval.authority().label() + " " + approval.decidedBy());
    return posting(applicationId).orElseThrow();
  }

  public Optional<Posting> posting(String applicationId) {
    return jdbc.sql("SELECT * FROM disbursement_posting WHERE application_id = :a")
        .param("a", applicationId)
        .query((rs, row) -> new Posting(applicationId, rs.getString("posting_reference"), rs.getBigDecimal("amount"),
            rs.getObject("posted_at", OffsetDateTime.class).toInstant()))
        .optional();
  }
}
