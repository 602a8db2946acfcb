package com.smeloanflow.disbursement;

import com.smeloanflow.casefile.ApplicantEvents;
import com.smeloanflow.casefile.ApplicationChecks;
import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.casefile.ApplicationStatus;
import com.smeloanflow.casefile.CaseFiles;
import com.smeloanflow.casefile.CheckType;
import com.smeloanflow.casefile.CustomerReason;
import com.smeloanflow.casefile.DeclineService;
import com.smeloanflow.casefile.Stage;
import com.smeloanflow.identity.Groups;
import com.smeloanflow.intake.DocumentsAwaiter;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.intake.Product;
import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.ChineseDates;
import com.smeloanflow.platform.InvalidTaskInputException;
import com.smeloanflow.platform.StaffText;
import com.smeloanflow.platform.StateConflictException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The disbursement-condition check (审核放款条件) by disbursement operations, after the contracts are
 * signed and a mortgage registered. Conditions met: the loan is paid out. Otherwise the check goes back
 * with its reason, never as "not approved": HOLD (暂缓) until a date, when the check comes back;
 * SUPPLEMENT, the borrower is asked for documents (by mail, with the list) and the check comes back
 * when they arrive; DECLINE, the loan is not paid out, the signed contracts are cancelled and a
 * registered mortgage released, and the applicant is told why in the catalogue's words.
 */
@Service
public class DisbursementCheckService {

  /** The checker's conclusion. */
  public enum Outcome {
    CONDITIONS_MET, HOLD, SUPPLEMENT, DECLINE
  }

  /** What the checker confirms before money moves, by form checkbox. */
  public static final Map<String, String> CONFIRMATIONS = new LinkedHashMap<>();

  static {
    CONFIRMATIONS.put("contractVerified", "借款合同及保证合同已签署且要素一致");
    CONFIRMATIONS.put("collateralVerified", "抵押登记已办妥或无需抵押");
    CONFIRMATIONS.put("approvalConditionsMet", "审批条件已落实");
  }

  /** Longest hold the checker may set. */
  static final int MAX_HOLD_DAYS = 30;

  /** A check as the checker entered it. */
  public record Check(String applicationId, String checker, Outcome outcome, Set<String> confirmed, String notes,
      LocalDate holdUntil, List<DisbursementDocument> documents, CustomerReason customerReason) {}

  private final ApplicationChecks checks;
  private final ApplicationHistory history;
  private final DeclineService declines;
  private final CaseFiles caseFiles;
  private final IdentityService identityService;
  private final LoanApplicationRepository applications;
  private final JdbcClient jdbc;
  private final BusinessClock clock;

  public DisbursementCheckService(ApplicationChecks checks, ApplicationHistory history, DeclineService declines,
      CaseFiles caseFiles, IdentityService identityService, LoanApplicationRepository applications, JdbcClient jdbc,
      BusinessClock clock) {
    this.checks = checks;
    this.history = history;
    this.declines = declines;
    this.caseFiles = caseFiles;
    this.identityService = identityService;
    this.applications = applications;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Outcome check(Check check) {
    if (identityService.createGroupQuery().groupMember(check.checker()).groupId(Groups.DISBURSEMENT_OPS).count() == 0) {
      throw new AuthorizationException(StaffText.of("放款审核只能由 " + Groups.DISBURSEMENT_OPS + " 的成员办理, "
          + check.checker() + " 不是", "the disbursement check is for members of " + Groups.DISBURSEMENT_OPS + "; "
          + check.checker() + " is not one"));
    }
    StringBuilder details = new StringBuilder();
    for (Map.Entry<String, String> confirmation : CONFIRMATIONS.entrySet()) {
      boolean ok = check.confirmed().contains(confirmation.getKey());
      details.append(confirmation.getValue()).append(ok ? "✓ " : "✗ ");
      if (check.outcome() == Outcome.CONDITIONS_MET && !ok) {
        throw new InvalidTaskInputException("放款前须确认: " + confirmation.getValue() + " (" + confirmation.getKey() + " must be checked)");
      }
    }
    if (check.outcome() != Outcome.CONDITIONS_MET && (check.notes() == null || check.notes().isBlank())) {
      throw new InvalidTaskInputException("请填写原因 (disbursementNotes is required unless the conditions are met)");
    }
    String applicationId = check.applicationId();
    switch (check.outcome()) {
      case HOLD -> {
        LocalDate today = clock.today();
        if (check.holdUntil() == null || !check.holdUntil().isAfter(today) || check.holdUntil().isAfter(today.plusDays(MAX_HOLD_DAYS))) {
          throw new InvalidTaskInputException("暂缓放款须填写暂缓至的日期, 在明天至 " + MAX_HOLD_DAYS + " 天内 (holdUntil)");
        }
        int round = jdbc.sql("SELECT COUNT(*) FROM disbursement_hold WHERE application_id = :a")
            .param("a", applicationId).query(Integer.class).single() + 1;
        jdbc.sql("INSERT INTO disbursement_hold (application_id, round, hold_until, held_by, held_at) VALUES (:a, :r, :u, :by, :at)")
            .param("a", applicationId).param("r", round).param("u", check.holdUntil()).param("by", check.checker())
            .param("at", Timestamp.from(clock.now())).update();
        details.append("暂缓至").append(ChineseDates.day(check.holdUntil()));
      }
      case SUPPLEMENT -> {
        if (check.documents().isEmpty()) {
          throw new InvalidTaskInputException("请选择须补充的资料 (supplementDocuments is required)");
        }
        int round = jdbc.sql("SELECT COUNT(*) FROM disbursement_supplement WHERE application_id = :a")
            .param("a", applicationId).query(Integer.class).single() + 1;
        jdbc.sql("""
            INSERT INTO disbursement_supplement (application_id, round, documents, requested_by, requested_at)
            VALUES (:a, :round, :docs, :by, :at)
            """)
            .param("a", applicationId).param("round", round)
            .param("docs", check.documents().stream().map(Enum::name).collect(Collectors.joining(",")))
            .param("by", check.checker()).param("at", Timestamp.from(clock.now()))
            .update();
        details.append("须补充: ").append(labels(check.documents()));
      }
      case DECLINE -> {
        CustomerReason reason = check.customerReason() == null ? CustomerReason.DISBURSEMENT_CONDITIONS_NOT_MET : check.customerReason();
        if (!CustomerReason.FOR_DECLINE_BY_STAFF.contains(reason)) {
          throw new InvalidTaskInputException("告知客户的原因无效 (customerReason " + reason + ")");
        }
        declines.decline(DeclineService.Decline.rejection(applicationId, Stage.CONTRACT_AND_DISBURSEMENT, check.checker(),
            "放款审核不予放款: " + check.notes(), inTheProductsWords(applicationId, reason)));
      }
      default -> { }
    }
    checks.record(applicationId, CheckType.DISBURSEMENT_CHECK, checks.count(applicationId, CheckType.DISBURSEMENT_CHECK) + 1,
        check.outcome().name(), check.checker(), details.toString().trim(), check.notes());
    history.record(applicationId, check.checker(), "DISBURSEMENT_" + check.outcome(), check.notes());
    return check.outcome();
  }

  /** Until when the latest hold keeps the loan, if it was ever held. */
  public Optional<LocalDate> latestHoldUntil(String applicationId) {
    return jdbc.sql("SELECT hold_until FROM disbursement_hold WHERE application_id = :a ORDER BY round DESC")
        .param("a", applicationId).query(LocalDate.class).list().stream().findFirst();
  }

  /**
   * The documents of the open supplement round still awaited (asked for and not uploaded yet), if a round is open.
   */
  public Optional<List<DisbursementDocument>> openSupplement(String applicationId) {
    return openRound(applicationId, false).map(OpenRound::stillAwaited);
  }

  /** What a supplement round made of an upload: the documents it recorded, and those it still awaits after it. */
  public record SupplementUpload(List<DisbursementDocument> recorded, List<DisbursementDocument> stillAwaited) {}

  /**
   * The borrower uploaded documents through a channel. Those the open round still awaits are kept, with when they
   * arrived; the round ends, and the check comes back, only once every document asked for is there. Until then the
   * application keeps waiting (its deadline runs on) and the history notes what is still missing. The history names
   * the documents recorded and, apart, those of the upload not awaited ({@link DocumentsAwaiter#uploadDetail}). An upload naming
   * none of the documents still awaited (not asked for, or already uploaded) changes nothing.
   *
   * @return what was recorded and what is still awaited (nothing still awaited: the round is complete and the check
   *     comes back); nothing when no round is open (the upload is not for the disbursement check)
   */
  public Optional<SupplementUpload> documentsUploaded(String applicationId, List<String> uploaded,
      String reportedBy, String via) {
    Optional<OpenRound> open = openRound(applicationId, true);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    OpenRound round = open.get();
    List<DisbursementDocument> recorded = round.stillAwaited().stream()
        .filter(document -> uploaded.contains(document.name())).toList();
    if (recorded.isEmpty()) {
      return Optional.of(new SupplementUpload(recorded, round.stillAwaited()));
    }
    Set<DisbursementDocument> supplied = new LinkedHashSet<>(round.supplied());
    supplied.addAll(recorded);
    List<DisbursementDocument> missing = new OpenRound(round.round(), round.asked(), List.copyOf(supplied)).stillAwaited();
    jdbc.sql("UPDATE disbursement_supplement SET supplied = :s WHERE application_id = :a AND round = :r")
        .param("s", supplied.stream().map(Enum::name).collect(Collectors.joining(",")))
        .param("a", applicationId).param("r", round.round()).update();
    recordArrivals(applicationId, round.round(), recorded, Arrival.VIA_CHANNEL, reportedBy);
    String detail = DocumentsAwaiter.uploadDetail(via, recorded.stream().map(Enum::name).toList(), uploaded);
    if (missing.isEmpty()) {
      roundReceived(applicationId, reportedBy, detail);
      return Optional.of(new SupplementUpload(recorded, missing));
    }
    history.record(applicationId, reportedBy, ApplicantEvents.DISBURSEMENT_DOCUMENTS_PARTLY_RECEIVED, detail + "; 仍缺: " + labels(missing));
    return Optional.of(new SupplementUpload(recorded, missing));
  }

  /** The open supplement round, if any; {@code lock}: under its row lock until the transaction ends. */
  private Optional<OpenRound> openRound(String applicationId, boolean lock) {
    return jdbc.sql("""
            SELECT round, documents, supplied FROM disbursement_supplement WHERE application_id = :a AND received_at IS NULL
            ORDER BY round DESC""" + (lock ? " FOR UPDATE" : ""))
        .param("a", applicationId)
        .query((rs, n) -> new OpenRound(rs.getInt("round"), parse(rs.getString("documents")), parse(rs.getString("supplied"))))
        .list().stream().findFirst();
  }

  /** A supplement round not received yet: the documents asked for and those uploaded so far. */
  private record OpenRound(int round, List<DisbursementDocument> asked, List<DisbursementDocument> supplied) {
    List<DisbursementDocument> stillAwaited() {
      return asked.stream().filter(document -> !supplied.contains(document)).toList();
    }
  }

  /** When and how a document asked for arrived: uploaded through a channel, or registered at the branch. */
  public record Arrival(String via, Instant at, String by) {
    static final String VIA_CHANNEL = "CHANNEL";
    static final String VIA_BRANCH = "BRANCH";

    public boolean uploaded() {
      return VIA_CHANNEL.equals(via);
    }
  }

  /**
   * A supplement round as the checker reads it: who asked for what when, what arrived (when, how) and whether it is
   * complete. {@code supplied} without an arrival: uploaded before arrival times were kept.
   */
  public record SupplementRound(int round, List<DisbursementDocument> asked, String requestedBy, Instant requestedAt,
      List<DisbursementDocument> supplied, Instant receivedAt, String receivedBy, Map<DisbursementDocument, Arrival> arrivals) {

    /** The documents asked for that have not arrived: those still awaited while the round is open. */
    public List<DisbursementDocument> missing() {
      return receivedAt != null ? List.of()
          : asked.stream().filter(document -> !arrivals.containsKey(document) && !supplied.contains(document)).toList();
    }
  }

  /** Every supplement round of the application, the first first. */
  public List<SupplementRound> supplementRounds(String applicationId) {
    Map<Integer, Map<DisbursementDocument, Arrival>> arrivals = new LinkedHashMap<>();
    jdbc.sql("""
            SELECT round, document, arrived_via, arrived_at, arrived_by FROM disbursement_supplement_arrival
            WHERE application_id = :a ORDER BY arrived_at""")
        .param("a", applicationId)
        .query(rs -> {
          arrivals.computeIfAbsent(rs.getInt("round"), r -> new LinkedHashMap<>()).put(
              DisbursementDocument.valueOf(rs.getString("document")),
              new Arrival(rs.getString("arrived_via"), rs.getTimestamp("arrived_at").toInstant(), rs.getString("arrived_by")));
        });
    return jdbc.sql("""
            SELECT round, documents, requested_by, requested_at, supplied, received_at, received_by
            FROM disbursement_supplement WHERE application_id = :a ORDER BY round""")
        .param("a", applicationId)
        .query((rs, n) -> {
          Timestamp receivedAt = rs.getTimestamp("received_at");
          return new SupplementRound(rs.getInt("round"), parse(rs.getString("documents")), rs.getString("requested_by"),
              rs.getTimestamp("requested_at").toInstant(), parse(rs.getString("supplied")),
              receivedAt == null ? null : receivedAt.toInstant(), rs.getString("received_by"),
              arrivals.getOrDefault(rs.getInt("round"), Map.of()));
        })
        .list();
  }

  private void recordArrivals(String applicationId, int round, List<DisbursementDocument> documents, String via, String by) {
    for (DisbursementDocument document : documents) {
      jdbc.sql("""
              INSERT INTO disbursement_supplement_arrival (application_id, round, document, arrived_via, arrived_at, arrived_by)
              VALUES (:a, :r, :d, :via, :at, :by)""")
          .param("a", applicationId).param("r", round).param("d", document.name()).param("via", via)
          .param("at", Timestamp.from(clock.now())).param("by", by).update();
    }
  }

  private static List<DisbursementDocument> parse(String documents) {
    return documents == null || documents.isBlank() ? List.of()
        : Arrays.stream(documents.split(",")).map(DisbursementDocument::valueOf).toList();
  }

  /**
   * The borrower brought or uploaded the documents asked for; the check comes back. Those of the round not uploaded
   * through a channel arrived at the branch, now.
   *
   * <p>The application's row is locked first, then the round's, the order of a channel's upload
   * ({@code AcceptanceService#documentsUploaded}): what this records refers to the application, which the database then
   * holds in share mode, so with the round's row taken first, a registration and an upload of the same application at
   * the same moment waited for each other and the database aborted one of the two (a deadlock, answered 500). Now the
   * registration waits for the upload; when the upload completed the round meanwhile, nothing is left to register.
   *
   * @throws StateConflictException no round is open any more (the channel uploaded the rest meanwhile)
   */
  public void supplementReceived(String applicationId, String receivedBy, String detail) {
    applications.lock(applicationId);
    OpenRound round = openRound(applicationId, true).orElseThrow(() -> new StateConflictException("申请 " + applicationId
        + " 的放款补充资料已全部收到 (渠道已上传), 无需再登记, 请刷新待办列表 (application " + applicationId
        + " has no supplement round open)"));
    recordArrivals(applicationId, round.round(), round.stillAwaited(), Arrival.VIA_BRANCH, receivedBy);
    roundReceived(applicationId, receivedBy, detail);
  }

  /** The open round has every document it asked for, their arrivals recorded: it ends and the check comes back. */
  private void roundReceived(String applicationId, String receivedBy, String detail) {
    jdbc.sql("UPDATE disbursement_supplement SET received_at = :at, received_by = :by WHERE application_id = :a AND received_at IS NULL")
        .param("at", Timestamp.from(clock.now())).param("by", receivedBy).param("a", applicationId).update();
    checks.record(applicationId, CheckType.DISBURSEMENT_DOCUMENTS, checks.count(applicationId, CheckType.DISBURSEMENT_DOCUMENTS) + 1,
        "RECEIVED", receivedBy, detail, null);
    history.record(applicationId, receivedBy, ApplicantEvents.DISBURSEMENT_DOCUMENTS_RECEIVED, detail);
    caseFiles.setStatus(applicationId, ApplicationStatus.AWAITING_DISBURSEMENT);
  }

  /** The documents did not arrive in time: the loan is not paid out. */
  public void supplementOverdue(String applicationId) {
    String missing = openSupplement(applicationId).map(DisbursementCheckService::labels).orElse("-");
    declines.decline(DeclineService.Decline.rejection(applicationId, Stage.CONTRACT_AND_DISBURSEMENT, "system",
        "放款补充资料未在期限内提供: " + missing,
        inTheProductsWords(applicationId, CustomerReason.DISBURSEMENT_DOCUMENTS_NOT_SUPPLIED)));
  }

  /**
   * A REVOLVING_LINE pays nothing out: its applicant is told the line is not opened, not "本次贷款不予发放"
   * ({@link CustomerReason#forCreditLine}). Reasons that hold for both stay as they are.
   */
  private CustomerReason inTheProductsWords(String applicationId, CustomerReason reason) {
    return applications.get(applicationId).product() == Product.REVOLVING_LINE ? reason.forCreditLine() : reason;
  }

  static String labels(List<DisbursementDocument> documents) {
    return documents.stream().map(DisbursementDocument::label).collect(Collectors.joining("、"));
  }
}
