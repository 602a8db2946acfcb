package com.smeloanflow.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The bank's branches ({@code branch} table). Each has an acceptance and a customer-manager group. */
@Component
public class BranchDirectory {

  private final JdbcClient jdbc;

  public BranchDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Branch(String code, String name) {}

  public List<Branch> activeBranches() {
    return jdbc.sql("SELECT code, name FROM branch WHERE active = TRUE ORDER BY code")
        .query((rs, row) -> new Branch(rs.getString("code"), rs.getString("name"))).list();
  }

  public Optional<Branch> find(String code) {
    return jdbc.sql("SELECT code, name FROM branch WHERE code = :code AND active = TRUE").param("code", code)
        .query((rs, row) -> new Branch(rs.getString("code"), rs.getString("name"))).optional();
  }

  /** Adds a branch, or leaves an existing one as it is. */
  public void ensure(String code, String name) {
    if (jdbc.sql("SELECT COUNT(*) FROM branch WHERE code = :code").param("code", code).query(Long.class).single() == 0) {
      jdbc.sql("INSERT INTO branch (code, name, active) VALUES (:code, :name, TRUE)")
          .param("code", code).param("name", name).update();
    }
  }
}
