package com.smeloanflow.identity;

import com.smeloanflow.platform.BusinessClock;
import com.smeloanflow.platform.FieldViolation;
import com.smeloanflow.platform.InvalidFieldsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bank's branches as reference data an administrator maintains: opening a branch (with its
 * Camunda groups and their authorizations, in the same transaction as its row), renaming it or
 * changing its grid, deactivating and reactivating it. Bad fields are refused before anything is
 * written (400); a code or division another branch holds is a conflict (409).
 */
@Service
public class BranchService {

  private static final Logger log = LoggerFactory.getLogger(BranchService.class);

  private final BranchRepository branches;
  private final BranchGroups groups;
  private final TransactionTemplate transaction;
  private final BusinessClock clock;

  public BranchService(BranchRepository branches, BranchGroups groups, TransactionTemplate transaction,
      BusinessClock clock) {
    this.branches = branches;
    this.groups = groups;
    this.transaction = transaction;
    this.clock = clock;
  }

  public List<BranchDetails> all() {
    return branches.all();
  }

  public Optional<BranchDetails> find(String code) {
    return branches.find(code);
  }

  /** @throws BranchNotFoundException when no branch has the code */
  public BranchDetails get(String code) {
    return find(code).orElseThrow(() -> new BranchNotFoundException(code));
  }

  /**
   * Opens a branch: its row, its grid, its groups {@code <code>-acceptance} and
   * {@code <code>-customer-managers} and its lead group {@code <code>-leads} with their authorizations and
   * filters ({@link BranchGroups}), all or nothing.
   *
   * @throws InvalidFieldsException naming every bad field; nothing is written
   * @throws BranchConflictException when the code exists or a division is covered by another branch
   */
  public BranchDetails create(CreateBranch command, String actor) {
    requireValid(BranchValidator.violations(command));
    String name = command.name().trim();
    BranchDetails created = write(command.code(), command.grid(), () -> {
      if (branches.find(command.code()).isPresent()) {
        throw codeTaken(command.code());
      }
      requireDivisionsFree(command.code(), command.grid());
      branches.insert(command.code(), name, actor, clock.now());
      branches.replaceGrid(command.code(), command.grid());
      groups.ensure(command.code(), name);
      return get(command.code());
    });
    log.info("Branch {} {} opened by {}, grid {}", created.code(), created.name(), actor, created.grid());
    return created;
  }

  /**
   * Renames a branch and sets its grid; its groups take the new name.
   *
   * @throws BranchNotFoundException when no branch has the code
   */
  public BranchDetails update(UpdateBranch command, String actor) {
    get(command.code());
    requireValid(BranchValidator.violations(command));
    String name = command.name().trim();
    BranchDetails updated = write(command.code(), command.grid(), () -> {
      BranchDetails before = get(command.code());
      boolean renamed = !before.name().equals(name);
      boolean regridded = !before.grid().equals(command.grid().stream().sorted().toList());
      if (!renamed && !regridded) {
        return before;
      }
      requireDivisionsFree(command.code(), command.grid());
      branches.update(command.code(), name, actor, clock.now());
      if (regridded) {
        branches.replaceGrid(command.code(), command.grid());
      }
      if (renamed) {
        groups.ensure(command.code(), name);
      }
      return get(command.code());
    });
    log.info("Branch {} updated by {}: {}, grid {}", updated.code(), actor, updated.name(), updated.grid());
    return updated;
  }

  /**
   * Deactivates or reactivates a branch; doing what is already so changes nothing. A deactivated
   * branch takes no new application; its groups, tasks and open applications stay.
   *
   * @throws BranchNotFoundException when no branch has the code
   */
  public BranchDetails setActive(SetBranchActive command, String actor) {
    return transaction.execute(status -> {
      BranchDetails branch = get(command.code());
      if (branch.active() == command.active()) {
        return branch;
      }
      branches.setActive(command.code(), command.active(), actor, clock.now());
      log.info("Branch {} {} by {}", command.code(), command.active() ? "reactivated" : "deactivated", actor);
      return get(command.code());
    });
  }

  /**
   * Runs a write in one transaction. Two administrators racing for the same code or division both
   * pass the checks; the database's keys stop the second, answered like the check would have.
   */
  private BranchDetails write(String code, List<String> grid, Supplier<BranchDetails> work) {
    try {
      return transaction.execute(status -> work.get());
    } catch (DuplicateKeyException e) {
      requireDivisionsFree(code, grid);
      throw codeTaken(code);
    }
  }

  private void requireDivisionsFree(String code, List<String> grid) {
    Map<String, String> owners = branches.owners(grid);
    List<FieldViolation> taken = new ArrayList<>();
    List<String> english = new ArrayList<>();
    for (int i = 0; i < grid.size(); i++) {
      String owner = owners.get(grid.get(i));
      if (owner != null && !owner.equals(code)) {
        taken.add(new FieldViolation("grid[" + i + "]", "DIVISION_COVERED",
            "行政区划 " + grid.get(i) + " 已由网点 " + owner + " 覆盖"));
        english.add("division " + grid.get(i) + " is covered by branch " + owner);
      }
    }
    if (!taken.isEmpty()) {
      throw new BranchConflictException(taken, english);
    }
  }

  private static BranchConflictException codeTaken(String code) {
    return new BranchConflictException(List.of(new FieldViolation("code", "CODE_TAKEN", "网点代码 " + code + " 已存在")),
        List.of("branch code " + code + " is taken"));
  }

  private static void requireValid(List<FieldViolation> violations) {
    if (!violations.isEmpty()) {
      throw new InvalidFieldsException(violations, "网点信息有误: " + violations.stream()
          .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
    }
  }
}
