package com.smeloanflow.approval;

import com.smeloanflow.casefile.ApplicantEvents;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.intake.AcceptanceService;
import com.smeloanflow.platform.StaffText;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * 审贷分离 on the server: whoever submitted at the counter, accepted, reviewed or verified an
 * application may not approve it, and whoever approved it (or voted on it) may not check its
 * disbursement. Enforced by task listeners, so it holds for Tasklist, the engine REST API and the
 * Java API alike; a refusal is an {@link AuthorizationException} (HTTP 403 from the REST API).
 */
@Service
public class SeparationOfDuties {

  /** Business events whose actor took part in accepting the application. */
  private static final List<String> ACCEPTANCE_EVENTS = List.of(ApplicantEvents.SUBMITTED, ApplicantEvents.ACCEPTED,
      AcceptanceService.DOCUMENTS_MISSING_EVENT, ApplicantEvents.DOCUMENTS_RECEIVED);
  private static final List<CheckType> PREPARATION_CHECKS = List.of(CheckType.CENTRE_REVIEW, CheckType.REMOTE_VERIFICATION,
      CheckType.FIELD_INVESTIGATION, CheckType.INFORMATION_PROVIDED);
  private static final List<CheckType> APPROVAL_CHECKS = List.of(CheckType.APPROVAL, CheckType.COMMITTEE_VOTE,
      CheckType.COMMITTEE_RESOLUTION);

  private final JdbcClient jdbc;
  private final ApplicationChecks checks;

  public SeparationOfDuties(JdbcClient jdbc, ApplicationChecks checks) {
    this.jdbc = jdbc;
    this.checks = checks;
  }

  /** Why {@code userId} may not approve the application, if they may not. */
  public Optional<String> approvalConflict(String applicationId, String userId) {
    return approvalConflicts(applicationId).apply(userId);
  }

  /**
   * Why a user may not approve the application, for any user: who took part in accepting it and who prepared
   * it are read once here, so a whole committee is checked against one reading.
   */
  public Function<String, Optional<String>> approvalConflicts(String applicationId) {
    Set<String> acceptors = acceptors(applicationId);
    Set<String> preparers = preparers(applicationId);
    return userId -> {
      if (acceptors.contains(userId)) {
        return Optional.of("审贷分离: 用户 " + userId + " 受理过申请 " + applicationId + ", 不能审批该申请");
      }
      if (preparers.contains(userId)) {
        return Optional.of("审贷分离: 用户 " + userId + " 复核或核实过申请 " + applicationId + ", 不能审批该申请");
      }
      return Optional.empty();
    };
  }

  /** Everyone who may not approve the application: who took part in accepting it and who prepared it. */
  public Set<String> mayNotApprove(String applicationId) {
    Set<String> excluded = new HashSet<>(acceptors(applicationId));
    excluded.addAll(preparers(applicationId));
    return excluded;
  }

  /** Everyone who may not check the disbursement of the application: who approved it or voted on it. */
  public Set<String> mayNotCheckDisbursement(String applicationId) {
    return Set.copyOf(checks.performers(applicationId, APPROVAL_CHECKS));
  }

  private Set<String> acceptors(String applicationId) {
    return Set.copyOf(jdbc.sql(
            "SELECT DISTINCT actor FROM application_event WHERE application_id = :a AND event_type IN (:types) AND actor IS NOT NULL")
        .param("a", applicationId).param("types", ACCEPTANCE_EVENTS)
        .query(String.class).list());
  }

  private Set<String> preparers(String applicationId) {
    return new HashSet<>(checks.performers(applicationId, PREPARATION_CHECKS));
  }

  /**
   * Why a user may not check the disbursement of the application, for any user: who approved it or voted on it is read
   * once here.
   */
  private Function<String, Optional<String>> disbursementConflicts(String applicationId) {
    Set<String> approvers = Set.copyOf(checks.performers(applicationId, APPROVAL_CHECKS));
    return userId -> approvers.contains(userId)
        ? Optional.of("审贷分离: 用户 " + userId + " 审批过申请 " + applicationId + ", 不能审核其放款条件")
        : Optional.empty();
  }

  /**
   * Refuses (403 over the engine REST API) the first of {@code people} who may not approve the application: the reason,
   * the English beside. Who took part is read once for all of them.
   */
  public void requireMayApprove(String applicationId, Collection<String> people) {
    refuseFirstConflict(approvalConflicts(applicationId), people, "approve application " + applicationId);
  }

  /** Refuses the first of {@code people} who may not check the disbursement of the application, read once for all. */
  public void requireMayCheckDisbursement(String applicationId, Collection<String> people) {
    refuseFirstConflict(disbursementConflicts(applicationId), people, "check the disbursement of application " + applicationId);
  }

  private static void refuseFirstConflict(Function<String, Optional<String>> conflicts, Collection<String> people, String what) {
    for (String userId : people) {
      conflicts.apply(userId).ifPresent(reason -> {
        throw new AuthorizationException(StaffText.of(reason, "separation of duties: user " + userId + " may not " + what));
      });
    }
  }
}
