package com.smeloanflow.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code branch} and {@code branch_grid} tables; written only by {@link BranchService}. */
@Repository
class BranchRepository {

  private static final String SELECT = "SELECT code, name, active, created_at, created_by, updated_at, updated_by FROM branch";

  private final JdbcClient jdbc;

  BranchRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<BranchDetails> find(String code) {
    List<String> grid = grid(code);
    return jdbc.sql(SELECT + " WHERE code = :code").param("code", code).query((rs, row) -> details(rs, grid)).optional();
  }

  List<BranchDetails> all() {
    Map<String, List<String>> grids = new HashMap<>();
    jdbc.sql("SELECT branch_code, division_code FROM branch_grid ORDER BY division_code")
        .query((rs, row) -> grids.computeIfAbsent(rs.getString("branch_code"), code -> new ArrayList<>())
            .add(rs.getString("division_code")))
        .list();
    return jdbc.sql(SELECT + " ORDER BY code")
        .query((rs, row) -> details(rs, grids.getOrDefault(rs.getString("code"), List.of()))).list();
  }

  /** division → code of the branch covering it, for those of the divisions some branch covers. */
  Map<String, String> owners(Collection<String> divisions) {
    Map<String, String> owners = new HashMap<>();
    if (!divisions.isEmpty()) {
      jdbc.sql("SELECT division_code, branch_code FROM branch_grid WHERE division_code IN (:divisions)")
          .param("divisions", divisions)
          .query((rs, row) -> owners.put(rs.getString("division_code"), rs.getString("branch_code"))).list();
    }
    return owners;
  }

  void insert(String code, String name, String actor, Instant at) {
    jdbc.sql("""
        INSERT INTO branch (code, name, active, created_at, created_by, updated_at, updated_by)
        VALUES (:code, :name, TRUE, :at, :actor, :at, :actor)""")
        .param("code", code).param("name", name).param("at", Timestamp.from(at)).param("actor", actor).update();
  }

  void update(String code, String name, String actor, Instant at) {
    touch("name = :value", code, name, actor, at);
  }

  void setActive(String code, boolean active, String actor, Instant at) {
    touch("active = :value", code, active, actor, at);
  }

  /** The branch covers exactly these divisions from now on. */
  void replaceGrid(String code, Collection<String> divisions) {
    jdbc.sql("DELETE FROM branch_grid WHERE branch_code = :code").param("code", code).update();
    for (String division : divisions) {
      jdbc.sql("INSERT INTO branch_grid (division_code, branch_code) VALUES (:division, :code)")
          .param("division", division).param("code", code).update();
    }
  }

  private void touch(String assignment, String code, Object value, String actor, Instant at) {
    jdbc.sql("UPDATE branch SET " + assignment + ", updated_at = :at, updated_by = :actor WHERE code = :code")
        .param("value", value).param("code", code).param("at", Timestamp.from(at)).param("actor", actor).update();
  }

  private List<String> grid(String code) {
    return jdbc.sql("SELECT division_code FROM branch_grid WHERE branch_code = :code ORDER BY division_code")
        .param("code", code).query(String.class).list();
  }

  private static BranchDetails details(ResultSet rs, List<String> grid) throws SQLException {
    return new BranchDetails(rs.getString("code"), rs.getString("name"), rs.getBoolean("active"), grid,
        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"));
  }
}
