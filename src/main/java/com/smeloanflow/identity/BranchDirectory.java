package com.smeloanflow.identity;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the stages read about branches ({@code branch}, {@code branch_grid}; maintained by
 * {@link BranchService}): a branch's name, whether it takes applications, and which branch's grid
 * covers a division. Each branch has an acceptance and a customer-manager group ({@link Groups}).
 */
@Component
public class BranchDirectory {

  private final JdbcClient jdbc;

  public BranchDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Branch(String code, String name) {}

  /** A branch, active or not: a deactivated branch's open applications still show its name. */
  public Optional<Branch> find(String code) {
    return jdbc.sql("SELECT code, name FROM branch WHERE code = :code").param("code", code)
        .query((rs, row) -> new Branch(rs.getString("code"), rs.getString("name"))).optional();
  }

  /** Whether the branch exists and is active, i.e. may take a new application. */
  public boolean takesApplications(String code) {
    return jdbc.sql("SELECT COUNT(*) FROM branch WHERE code = :code AND active = TRUE").param("code", code)
        .query(Long.class).single() > 0;
  }

  /**
   * The branch whose grid holds the county-level division (for an enterprise:
   * {@link AdministrativeDivisions#ofCreditCode}), active or not; empty when no branch covers it.
   */
  public Optional<Branch> covering(String divisionCode) {
    return jdbc.sql("""
        SELECT b.code, b.name FROM branch_grid g JOIN branch b ON b.code = g.branch_code
        WHERE g.division_code = :division""").param("division", divisionCode)
        .query((rs, row) -> new Branch(rs.getString("code"), rs.getString("name"))).optional();
  }
}
