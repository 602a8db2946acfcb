package com.smeloanflow.identity;

import com.smeloanflow.platform.FieldViolation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a branch command before anything is stored: every bad field at once, each named
 * ({@code code}, {@code name}, {@code grid}, {@code grid[1]}). Whether a code or a division is
 * already taken is the service's question (409), not a bad field (400).
 */
public final class BranchValidator {

  public static final Pattern CODE = Pattern.compile("[A-Z]{2}\\d{3}");
  public static final int MAX_NAME_LENGTH = 100;
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  private BranchValidator() {}

  public static List<FieldViolation> violations(CreateBranch command) {
    List<FieldViolation> violations = new ArrayList<>();
    if (command.code() == null || command.code().isBlank()) {
      violations.add(new FieldViolation("code", "REQUIRED", "不能为空"));
    } else if (!CODE.matcher(command.code()).matches()) {
      violations.add(new FieldViolation("code", "INVALID_FORMAT", "网点代码格式应为两位大写字母加三位数字, 如 ZY001"));
    }
    checkNameAndGrid(command.name(), command.grid(), violations);
    return violations;
  }

  public static List<FieldViolation> violations(UpdateBranch command) {
    List<FieldViolation> violations = new ArrayList<>();
    checkNameAndGrid(command.name(), command.grid(), violations);
    return violations;
  }

  private static void checkNameAndGrid(String name, List<String> grid, List<FieldViolation> violations) {
    if (name == null || name.isBlank()) {
      violations.add(new FieldViolation("name", "REQUIRED", "不能为空"));
    } else if (name.trim().length() > MAX_NAME_LENGTH) {
      violations.add(new FieldViolation("name", "TOO_LONG", "不能超过 " + MAX_NAME_LENGTH + " 个字符"));
    } else if (!HAN.matcher(name).find()) {
      violations.add(new FieldViolation("name", "NOT_CHINESE", "网点名称应为中文, 如 汇川支行"));
    }
    if (grid == null || grid.isEmpty()) {
      violations.add(new FieldViolation("grid", "REQUIRED", "至少覆盖一个县级行政区划"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < grid.size(); i++) {
      String division = grid.get(i);
      String field = "grid[" + i + "]";
      var problem = AdministrativeDivisions.problem(division);
      if (problem.isPresent()) {
        violations.add(new FieldViolation(field, "INVALID_DIVISION", problem.get()));
      } else if (!seen.add(division)) {
        violations.add(new FieldViolation(field, "DUPLICATE", "行政区划 " + division + " 重复"));
      }
    }
  }
}
