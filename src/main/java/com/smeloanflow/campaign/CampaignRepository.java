package com.smeloanflow.campaign;

import com.smeloanflow.intake.Product;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.SqlInLists;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The campaign stage's tables ({@code campaign}, {@code campaign_row}, {@code prospect}, {@code prospect_contact},
 * {@code prospect_handover}, V72; {@code campaign_import_lock}, V146; a prospect's conversion, V147; the conversions to
 * tell a prospect's process, {@code prospect_applied_notice}, V155).
 */
@Repository
class CampaignRepository {

  /** The prospects that became an application; served by {@code prospect_application_idx} (V113). */
  static final String PROSPECT_OF_APPLICATION = "SELECT * FROM prospect WHERE application_id = :a ORDER BY id";

  private final JdbcClient jdbc;

  CampaignRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // --- campaigns and their import reports -----------------------------------------------------

  record CampaignRow(String campaignId, int line, String creditCode, String enterpriseName, List<FieldViolation> reasons,
      String prospectId) {}

  void insertCampaign(String id, String name, String importedBy, Instant at, int total, int accepted, int refused) {
    jdbc.sql("""
        INSERT INTO campaign (id, name, imported_by, imported_at, rows_total, rows_accepted, rows_refused)
        VALUES (:id, :name, :by, :at, :total, :accepted, :refused)""")
        .param("id", id).param("name", name).param("by", importedBy).param("at", Timestamp.from(at))
        .param("total", total).param("accepted", accepted).param("refused", refused).update();
  }

  void insertRow(CampaignRow row) {
    jdbc.sql("""
        INSERT INTO campaign_row (campaign_id, line_no, credit_code, enterprise_name, result, reasons, prospect_id)
        VALUES (:campaign, :line, :code, :name, :result, :reasons, :prospect)""")
        .param("campaign", row.campaignId()).param("line", row.line()).param("code", cut(row.creditCode(), 40))
        .param("name", cut(row.enterpriseName(), 200)).param("result", row.reasons().isEmpty() ? "ACCEPTED" : "REFUSED")
        .param("reasons", row.reasons().isEmpty() ? null : cut(encode(row.reasons()), 4000)).param("prospect", row.prospectId())
        .update();
  }

  Optional<CampaignReport.Summary> findCampaign(String id) {
    return jdbc.sql("SELECT * FROM campaign WHERE id = :id").param("id", id).query(CampaignRepository::summary).optional();
  }

  List<CampaignReport.Summary> campaigns(int limit) {
    return jdbc.sql("SELECT * FROM campaign ORDER BY imported_at DESC, id DESC LIMIT :limit").param("limit", limit)
        .query(CampaignRepository::summary).list();
  }

  List<CampaignRow> rowsOf(String campaignId) {
    return jdbc.sql("SELECT * FROM campaign_row WHERE campaign_id = :id ORDER BY line_no").param("id", campaignId)
        .query((rs, n) -> new CampaignRow(rs.getString("campaign_id"), rs.getInt("line_no"), rs.getString("credit_code"),
            rs.getString("enterprise_name"), decode(rs.getString("reasons")), rs.getString("prospect_id")))
        .list();
  }

  private static CampaignReport.Summary summary(ResultSet rs, int row) throws SQLException {
    return new CampaignReport.Summary(rs.getString("id"), rs.getString("name"), rs.getString("imported_by"),
        instant(rs, "imported_at"), rs.getInt("rows_total"), rs.getInt("rows_accepted"), rs.getInt("rows_refused"));
  }

  /** Reasons as stored: one per line, {@code field<TAB>CODE<TAB>message}. */
  static String encode(List<FieldViolation> reasons) {
    return String.join("\n", reasons.stream()
        .map(r -> r.field() + "\t" + r.code() + "\t" + r.message().replace('\n', ' ').replace('\t', ' ')).toList());
  }

  static List<FieldViolation> decode(String reasons) {
    if (reasons == null || reasons.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(reasons.split("\n")).map(line -> line.split("\t", 3))
        .map(parts -> new FieldViolation(parts[0], parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "")).toList();
  }

  // --- prospects --------------------------------------------------------------------------------

  void insertProspect(Prospect p) {
    Prospect.Data d = p.data();
    jdbc.sql("""
        INSERT INTO prospect (id, campaign_id, line_no, credit_code, enterprise_name, legal_rep_name, legal_rep_id_number, mobile,
          estimated_limit, suggested_product, source_model, source_date, division_code, branch_code, customer_manager, status,
          contacts, last_outcome, follow_up_on, application_id, assigned_at, updated_at)
        VALUES (:id, :campaign, :line, :code, :name, :rep, :repId, :mobile, :limit, :product, :model, :sourceDate, :division,
          :branch, :manager, :status, 0, NULL, NULL, NULL, :at, :at)""")
        .param("id", p.id()).param("campaign", p.campaignId()).param("line", p.line()).param("code", d.creditCode())
        .param("name", d.enterpriseName()).param("rep", d.legalRepName()).param("repId", d.legalRepIdNumber())
        .param("mobile", d.mobile()).param("limit", d.estimatedLimit()).param("product", d.suggestedProduct().name())
        .param("model", d.sourceModel()).param("sourceDate", d.sourceDate()).param("division", p.divisionCode())
        .param("branch", p.branchCode()).param("manager", p.customerManager()).param("status", p.status().name())
        .param("at", Timestamp.from(p.assignedAt())).update();
  }

  Optional<Prospect> findProspect(String id) {
    return jdbc.sql("SELECT * FROM prospect WHERE id = :id").param("id", id).query(CampaignRepository::prospect).optional();
  }

  /** The prospect that became this loan application, if a whitelist prospect did. */
  Optional<Prospect> findProspectOfApplication(String applicationId) {
    return jdbc.sql(PROSPECT_OF_APPLICATION).param("a", applicationId)
        .query(CampaignRepository::prospect).list().stream().findFirst();
  }

  /**
   * Waits for the whitelist import under way, if any, to end, and keeps the next one waiting until this transaction
   * ends (the one row of {@code campaign_import_lock}, V146): an import's checks against the open prospects and its
   * managers' workload then see every prospect an earlier import stored.
   */
  void lockImports() {
    jdbc.sql("SELECT id FROM campaign_import_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
  }

  /**
   * The prospect, its row locked until this transaction ends: a contact being recorded and an application of its
   * enterprise being registered ({@link #lockOpenProspectOf}) take turns, so the contact sees the application or the
   * application sees the prospect no longer open.
   */
  Optional<Prospect> lockProspect(String id) {
    return jdbc.sql("SELECT * FROM prospect WHERE id = :id FOR UPDATE").param("id", id).query(CampaignRepository::prospect)
        .optional();
  }

  /**
   * The open prospect of this enterprise, if any, its row locked until this transaction ends (waiting for a contact
   * being recorded for it, which may end it: then it is no longer open and none is returned).
   */
  Optional<Prospect> lockOpenProspectOf(String creditCode) {
    return jdbc.sql("SELECT * FROM prospect WHERE status = 'OPEN' AND credit_code = :code ORDER BY id FOR UPDATE")
        .param("code", creditCode).query(CampaignRepository::prospect).list().stream().findFirst();
  }

  /** Of these credit codes, those of an open prospect (any campaign): credit code → prospect. */
  Map<String, Prospect> openProspectsByCreditCode(Collection<String> creditCodes) {
    Map<String, Prospect> open = new HashMap<>();
    for (List<String> codes : SqlInLists.chunks(creditCodes)) {
      jdbc.sql("SELECT * FROM prospect WHERE status = 'OPEN' AND credit_code IN (:codes)")
          .param("codes", codes)
          .query(CampaignRepository::prospect).list().forEach(p -> open.putIfAbsent(p.data().creditCode(), p));
    }
    return open;
  }

  /** Open prospects per customer manager of a branch: their campaign workload. */
  Map<String, Integer> openProspectsPerManager(String branchCode) {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.sql("SELECT customer_manager, COUNT(*) AS n FROM prospect WHERE branch_code = :branch AND status = 'OPEN' GROUP BY customer_manager")
        .param("branch", branchCode).query((rs, n) -> counts.put(rs.getString("customer_manager"), rs.getInt("n"))).list();
    return counts;
  }

  /** Records a contact and the prospect's new state; the contact's number (1, 2, ...). */
  int recordContact(String prospectId, ContactOutcome outcome, LocalDate followUpOn, String notes, String by, Instant at,
      Prospect.Status status, String applicationId) {
    int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM prospect_contact WHERE prospect_id = :id").param("id", prospectId)
        .query(Integer.class).single();
    jdbc.sql("""
        INSERT INTO prospect_contact (prospect_id, seq, outcome, follow_up_on, notes, contacted_by, contacted_at)
        VALUES (:id, :seq, :outcome, :followUp, :notes, :by, :at)""")
        .param("id", prospectId).param("seq", seq).param("outcome", outcome.name()).param("followUp", followUpOn)
        .param("notes", notes).param("by", by).param("at", Timestamp.from(at)).update();
    jdbc.sql("""
        UPDATE prospect SET contacts = contacts + 1, last_outcome = :outcome, follow_up_on = :followUp, status = :status,
          application_id = COALESCE(:application, application_id), updated_at = :at
        WHERE id = :id""")
        .param("outcome", outcome.name()).param("followUp", followUpOn).param("status", status.name())
        .param("application", applicationId).param("at", Timestamp.from(at)).param("id", prospectId).update();
    return seq;
  }

  /**
   * Ends an open prospect as CONVERTED (V147); false when it was no longer open (its own contact, or another path,
   * ended it first).
   */
  boolean closeAsConverted(String prospectId, Prospect.Conversion conversion, String applicationId, String reason, Instant at) {
    return jdbc.sql("""
        UPDATE prospect SET status = 'CONVERTED', conversion = :conversion, converted_application_id = :application,
          closed_reason = :reason, closed_at = :at, updated_at = :at
        WHERE id = :id AND status = 'OPEN'""")
        .param("conversion", conversion.name()).param("application", applicationId).param("reason", cut(reason, 300))
        .param("at", Timestamp.from(at)).param("id", prospectId).update() == 1;
  }

  void handOver(String prospectId, String from, String to, String by, Instant at) {
    int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM prospect_handover WHERE prospect_id = :id").param("id", prospectId)
        .query(Integer.class).single();
    jdbc.sql("""
        INSERT INTO prospect_handover (prospect_id, seq, from_manager, to_manager, handed_by, handed_at)
        VALUES (:id, :seq, :from, :to, :by, :at)""")
        .param("id", prospectId).param("seq", seq).param("from", from).param("to", to).param("by", by)
        .param("at", Timestamp.from(at)).update();
    jdbc.sql("UPDATE prospect SET customer_manager = :to, updated_at = :at WHERE id = :id")
        .param("to", to).param("at", Timestamp.from(at)).param("id", prospectId).update();
  }

  record Contact(int seq, ContactOutcome outcome, LocalDate followUpOn, String notes, String contactedBy, Instant contactedAt) {}

  List<Contact> contactsOf(String prospectId) {
    return jdbc.sql("SELECT * FROM prospect_contact WHERE prospect_id = :id ORDER BY seq").param("id", prospectId)
        .query((rs, n) -> new Contact(rs.getInt("seq"), ContactOutcome.valueOf(rs.getString("outcome")),
            rs.getObject("follow_up_on", LocalDate.class), rs.getString("notes"), rs.getString("contacted_by"),
            instant(rs, "contacted_at")))
        .list();
  }

  // --- conversions to tell a prospect's process (V155) ----------------------------------------------

  /** An application of the prospect's enterprise through another channel, not yet told to the prospect's process. */
  record AppliedNotice(String prospectId, String applicationId) {}

  static final String APPLIED_NOTICES_DUE = """
      SELECT prospect_id, application_id FROM prospect_applied_notice WHERE delivered_at IS NULL
      ORDER BY tried_at NULLS FIRST, registered_at, prospect_id LIMIT :limit""";

  /** Records that the prospect's enterprise applied (application {@code applicationId}), to be told to its process. */
  void insertAppliedNotice(String prospectId, String applicationId, Instant at) {
    jdbc.sql("""
        INSERT INTO prospect_applied_notice (prospect_id, application_id, registered_at, attempts)
        VALUES (:prospect, :application, :at, 0)""")
        .param("prospect", prospectId).param("application", applicationId).param("at", Timestamp.from(at)).update();
  }

  /** The notices not delivered yet (at most {@code limit}): those never tried first, then the least recently tried. */
  List<AppliedNotice> appliedNoticesDue(int limit) {
    return jdbc.sql(APPLIED_NOTICES_DUE).param("limit", limit)
        .query((rs, n) -> new AppliedNotice(rs.getString("prospect_id"), rs.getString("application_id"))).list();
  }

  /** The notice is delivered (the prospect's process heard it, or the prospect was no longer open). */
  void appliedNoticeDelivered(AppliedNotice notice, Instant at) {
    jdbc.sql("""
        UPDATE prospect_applied_notice SET delivered_at = :at, tried_at = :at
        WHERE prospect_id = :prospect AND application_id = :application AND delivered_at IS NULL""")
        .param("at", Timestamp.from(at)).param("prospect", notice.prospectId()).param("application", notice.applicationId())
        .update();
  }

  /**
   * Telling the prospect's process failed at {@code at} ({@code error}, cut to the column's 1,000 characters): one more
   * attempt counted, tried at {@code at}.
   *
   * @return the attempts counted so far, this one included (0 when the notice is no longer to be delivered)
   */
  int appliedNoticeFailed(AppliedNotice notice, Instant at, String error) {
    jdbc.sql("""
        UPDATE prospect_applied_notice SET tried_at = :at, attempts = attempts + 1, last_error = :error
        WHERE prospect_id = :prospect AND application_id = :application AND delivered_at IS NULL""")
        .param("at", Timestamp.from(at)).param("error", cut(error, 1000)).param("prospect", notice.prospectId())
        .param("application", notice.applicationId()).update();
    return jdbc.sql("""
        SELECT attempts FROM prospect_applied_notice
        WHERE prospect_id = :prospect AND application_id = :application AND delivered_at IS NULL""")
        .param("prospect", notice.prospectId()).param("application", notice.applicationId()).query(Integer.class).optional()
        .orElse(0);
  }

  // --- figures ------------------------------------------------------------------------------------

  /**
   * One customer manager's prospects counted: how many, contacted at least once, interested in at least one contact,
   * converted without the campaign's contact (applied through another channel, already a customer).
   */
  record ManagerFunnel(String branchCode, String customerManager, long prospects, long contacted, long interested,
      long appliedElsewhere, long existingCustomers) {}

  /** The funnel's counts per branch and manager ({@link #funnelByManager}), conditions added by {@link #prospectsSql}. */
  static final String FUNNEL_BY_MANAGER = """
      SELECT p.branch_code, p.customer_manager, COUNT(*) AS prospects, SUM(CASE WHEN p.contacts > 0 THEN 1 ELSE 0 END) AS contacted,
             SUM(CASE WHEN EXISTS (SELECT 1 FROM prospect_contact c WHERE c.prospect_id = p.id AND c.outcome = 'INTERESTED')
                 THEN 1 ELSE 0 END) AS interested,
             SUM(CASE WHEN p.conversion = 'APPLIED_ELSEWHERE' THEN 1 ELSE 0 END) AS applied_elsewhere,
             SUM(CASE WHEN p.conversion = 'EXISTING_CUSTOMER' THEN 1 ELSE 0 END) AS existing_customers
      FROM prospect p""";
  static final String FUNNEL_BY_MANAGER_GROUP_BY = " GROUP BY p.branch_code, p.customer_manager";
  /** The prospects that applied ({@link #appliedProspects}). */
  static final String APPLIED_PROSPECTS = "SELECT p.branch_code, p.customer_manager, p.application_id FROM prospect p";
  static final List<String> APPLIED_PROSPECTS_WHERE = List.of("p.application_id IS NOT NULL");
  /** The prospects converted by an application through another channel ({@link #appliedElsewhereProspects}). */
  static final String APPLIED_ELSEWHERE_PROSPECTS =
      "SELECT p.branch_code, p.customer_manager, p.converted_application_id FROM prospect p";
  static final List<String> APPLIED_ELSEWHERE_PROSPECTS_WHERE =
      List.of("p.conversion = 'APPLIED_ELSEWHERE'", "p.converted_application_id IS NOT NULL");

  /** A prospect that became a loan application, under its customer manager. */
  record AppliedProspect(String branchCode, String customerManager, String applicationId) {}

  /**
   * The prospects (of one campaign, or all; of some branches, or all) counted per branch and customer manager by the
   * database. Reading each of 500,000 prospects into the application to count them there took 0.65-1.08 s of
   * the whole-bank dashboard (docs/performance.md, "The manager dashboard's campaign funnel").
   */
  List<ManagerFunnel> funnelByManager(String campaignId, Optional<Set<String>> branches) {
    return prospects(FUNNEL_BY_MANAGER, List.of(), FUNNEL_BY_MANAGER_GROUP_BY, campaignId, branches)
        .query((rs, n) -> new ManagerFunnel(rs.getString("branch_code"), rs.getString("customer_manager"), rs.getLong("prospects"),
            rs.getLong("contacted"), rs.getLong("interested"), rs.getLong("applied_elsewhere"), rs.getLong("existing_customers")))
        .list();
  }

  /** The prospects (of one campaign, or all; of some branches, or all) that applied, with their applications. */
  List<AppliedProspect> appliedProspects(String campaignId, Optional<Set<String>> branches) {
    return prospects(APPLIED_PROSPECTS, APPLIED_PROSPECTS_WHERE, "", campaignId, branches)
        .query((rs, n) -> new AppliedProspect(rs.getString("branch_code"), rs.getString("customer_manager"), rs.getString("application_id")))
        .list();
  }

  /**
   * The prospects (of one campaign, or all; of some branches, or all) ended as converted because the enterprise applied
   * through another channel, with that application.
   */
  List<AppliedProspect> appliedElsewhereProspects(String campaignId, Optional<Set<String>> branches) {
    return prospects(APPLIED_ELSEWHERE_PROSPECTS, APPLIED_ELSEWHERE_PROSPECTS_WHERE, "", campaignId, branches)
        .query((rs, n) -> new AppliedProspect(rs.getString("branch_code"), rs.getString("customer_manager"),
            rs.getString("converted_application_id")))
        .list();
  }

  /** A statement over the prospects with these conditions, the campaign's and the branches' (an empty set: no prospect). */
  private JdbcClient.StatementSpec prospects(String select, List<String> conditions, String groupBy, String campaignId,
      Optional<Set<String>> branches) {
    var statement = jdbc.sql(prospectsSql(select, conditions, groupBy, campaignId != null, branches.isPresent()));
    if (campaignId != null) {
      statement = statement.param("campaign", campaignId);
    }
    if (branches.isPresent()) {
      statement = statement.param("branches", branches.get().isEmpty() ? List.of("-") : List.copyOf(branches.get()));
    }
    return statement;
  }

  /**
   * The statement over the prospects with these conditions, and {@code p.campaign_id = :campaign} for one campaign,
   * {@code p.branch_code IN (:branches)} for some branches.
   */
  static String prospectsSql(String select, List<String> conditions, String groupBy, boolean oneCampaign,
      boolean someBranches) {
    List<String> where = new ArrayList<>(conditions);
    if (oneCampaign) {
      where.add("p.campaign_id = :campaign");
    }
    if (someBranches) {
      where.add("p.branch_code IN (:branches)");
    }
    return select + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + groupBy;
  }

  // --- mapping ------------------------------------------------------------------------------------

  private static Prospect prospect(ResultSet rs, int row) throws SQLException {
    String outcome = rs.getString("last_outcome");
    String conversion = rs.getString("conversion");
    return new Prospect(rs.getString("id"), rs.getString("campaign_id"), rs.getInt("line_no"),
        new Prospect.Data(rs.getString("credit_code"), rs.getString("enterprise_name"), rs.getString("legal_rep_name"),
            rs.getString("legal_rep_id_number"), rs.getString("mobile"), rs.getBigDecimal("estimated_limit"),
            Product.valueOf(rs.getString("suggested_product")), rs.getString("source_model"),
            rs.getObject("source_date", LocalDate.class)),
        rs.getString("division_code"), rs.getString("branch_code"), rs.getString("customer_manager"),
        Prospect.Status.valueOf(rs.getString("status")), rs.getInt("contacts"),
        outcome == null ? null : ContactOutcome.valueOf(outcome), rs.getObject("follow_up_on", LocalDate.class),
        rs.getString("application_id"), instant(rs, "assigned_at"),
        conversion == null ? null : Prospect.Conversion.valueOf(conversion), rs.getString("converted_application_id"),
        rs.getString("closed_reason"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
