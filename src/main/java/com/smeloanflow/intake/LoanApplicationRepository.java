package com.smeloanflow.intake;

import com.smeloanflow.platform.SqlInLists;
import com.smeloanflow.platform.TransactionScopedReads;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class LoanApplicationRepository {

  private final JdbcClient jdbc;
  private final TransactionScopedReads<String, Optional<LoanApplication>> read =
      new TransactionScopedReads<>("loan_application");

  public LoanApplicationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(LoanApplication a) {
    read.forget(a.id());
    jdbc.sql("""
        INSERT INTO loan_application (id, channel, branch_code, product, enterprise_name, credit_code,
          industry_code, established_on, annual_revenue, legal_rep_name, legal_rep_id_number,
          legal_rep_mobile, legal_rep_email, requested_amount, term_months, purpose, guarantee_type,
          collateral_type, collateral_description, collateral_appraised_value,
          submitted_by, submitted_at, updated_at, version)
        VALUES (:id, :channel, :branchCode, :product, :enterpriseName, :creditCode, :industryCode,
          :establishedOn, :annualRevenue, :legalRepName, :legalRepIdNumber, :legalRepMobile,
          :legalRepEmail, :requestedAmount, :termMonths, :purpose, :guaranteeType, :collateralType,
          :collateralDescription, :collateralAppraisedValue, :submittedBy, :submittedAt,
          :submittedAt, 0)
        """)
        .param("id", a.id())
        .param("channel", a.channel().name())
        .param("branchCode", a.branchCode())
        .param("product", a.product().name())
        .param("enterpriseName", a.enterpriseName())
        .param("creditCode", a.creditCode())
        .param("industryCode", a.industryCode())
        .param("establishedOn", a.establishedOn())
        .param("annualRevenue", a.annualRevenue())
        .param("legalRepName", a.legalRepName())
        .param("legalRepIdNumber", a.legalRepIdNumber())
        .param("legalRepMobile", a.legalRepMobile())
        .param("legalRepEmail", a.legalRepEmail())
        .param("requestedAmount", a.requestedAmount())
        .param("termMonths", a.termMonths())
        .param("purpose", a.purpose())
        .param("guaranteeType", a.guaranteeType().name())
        .param("collateralType", a.collateralType() == null ? null : a.collateralType().name())
        .param("collateralDescription", a.collateralDescription())
        .param("collateralAppraisedValue", a.collateralAppraisedValue())
        .param("submittedBy", a.submittedBy())
        .param("submittedAt", Timestamp.from(a.submittedAt()))
        .update();
  }

  /** The application; read once per transaction (the row changes only through this repository). */
  public Optional<LoanApplication> findById(String id) {
    return read.read(id, this::select);
  }

  private Optional<LoanApplication> select(String id) {
    return select(id, "");
  }

  private Optional<LoanApplication> select(String id, String lock) {
    return jdbc.sql("SELECT * FROM loan_application WHERE id = :id" + lock)
        .param("id", id)
        .query(LoanApplicationRepository::map)
        .optional();
  }

  public LoanApplication get(String id) {
    return findById(id).orElseThrow(() -> new ApplicationNotFoundException(id));
  }

  /**
   * The application read under its row lock, held until the transaction ends (and what the transaction reads of it
   * after): two uploads of documents at once take turns, each reading the list of missing documents the other left.
   *
   * @throws ApplicationNotFoundException no such application
   */
  public LoanApplication lock(String id) {
    read.forget(id);
    return read.read(id, key -> select(key, " FOR UPDATE")).orElseThrow(() -> new ApplicationNotFoundException(id));
  }

  public void updateMissingDocuments(String id, List<RequiredDocument> missing, Instant at) {
    read.forget(id);
    jdbc.sql("UPDATE loan_application SET missing_documents = :missing, updated_at = :at, version = version + 1 WHERE id = :id")
        .param("missing", missing.isEmpty() ? null : String.join(",", missing.stream().map(Enum::name).toList()))
        .param("at", Timestamp.from(at))
        .param("id", id)
        .update();
  }

  /** Stores the guarantors of a new application, numbered from 1 in the given order. */
  public void insertGuarantors(String applicationId, List<Guarantor> guarantors) {
    for (Guarantor g : guarantors) {
      jdbc.sql("""
          INSERT INTO application_guarantor (application_id, seq, party_type, name, party_id, relation, mobile)
          VALUES (:id, :seq, :type, :name, :party, :relation, :mobile)
          """)
          .param("id", applicationId).param("seq", g.seq()).param("type", g.partyType().name()).param("name", g.name())
          .param("party", g.partyId()).param("relation", g.relation().name()).param("mobile", g.mobile())
          .update();
    }
  }

  public List<Guarantor> guarantorsOf(String applicationId) {
    return jdbc.sql("SELECT * FROM application_guarantor WHERE application_id = :id ORDER BY seq")
        .param("id", applicationId)
        .query((rs, row) -> new Guarantor(rs.getInt("seq"), Guarantor.PartyType.valueOf(rs.getString("party_type")),
            rs.getString("name"), rs.getString("party_id"), GuarantorRelation.valueOf(rs.getString("relation")),
            rs.getString("mobile")))
        .list();
  }

  /**
   * The applications of one borrower in the bank's sense: the same enterprise (credit code) or an
   * enterprise with the same legal representative (resident ID number), this one included.
   */
  public List<String> applicationsOfBorrower(String creditCode, String legalRepIdNumber) {
    return jdbc.sql("""
        SELECT id FROM loan_application WHERE credit_code = :code OR legal_rep_id_number = :rep ORDER BY submitted_at, id
        """)
        .param("code", creditCode).param("rep", legalRepIdNumber)
        .query(String.class).list();
  }

  /** The applications of the same enterprise (credit code), this one included. */
  public List<String> applicationsOfEnterprise(String creditCode) {
    return jdbc.sql("SELECT id FROM loan_application WHERE credit_code = :code ORDER BY submitted_at, id")
        .param("code", creditCode).query(String.class).list();
  }

  /** Which of these applications are for {@code product}: one statement per chunk of ids, however many. */
  public Set<String> ofProduct(Collection<String> ids, Product product) {
    Set<String> of = new HashSet<>();
    for (List<String> chunk : SqlInLists.chunks(ids)) {
      of.addAll(jdbc.sql("SELECT id FROM loan_application WHERE id IN (:ids) AND product = :product")
          .param("ids", chunk).param("product", product.name()).query(String.class).list());
    }
    return of;
  }

  private static LoanApplication map(ResultSet rs, int row) throws SQLException {
    String collateralType = rs.getString("collateral_type");
    String missing = rs.getString("missing_documents");
    return new LoanApplication(
        rs.getString("id"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("branch_code"),
        Product.valueOf(rs.getString("product")),
        rs.getString("enterprise_name"),
        rs.getString("credit_code"),
        rs.getString("industry_code"),
        rs.getObject("established_on", java.time.LocalDate.class),
        rs.getBigDecimal("annual_revenue"),
        rs.getString("legal_rep_name"),
        rs.getString("legal_rep_id_number"),
        rs.getString("legal_rep_mobile"),
        rs.getString("legal_rep_email"),
        rs.getBigDecimal("requested_amount"),
        rs.getInt("term_months"),
        rs.getString("purpose"),
        GuaranteeType.valueOf(rs.getString("guarantee_type")),
        collateralType == null ? null : CollateralType.valueOf(collateralType),
        rs.getString("collateral_description"),
        (BigDecimal) rs.getBigDecimal("collateral_appraised_value"),
        missing == null ? List.of() : Arrays.stream(missing.split(",")).map(RequiredDocument::valueOf).toList(),
        rs.getString("submitted_by"),
        rs.getObject("submitted_at", OffsetDateTime.class).toInstant());
  }
}
