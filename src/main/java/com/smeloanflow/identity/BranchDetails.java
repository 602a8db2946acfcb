package com.smeloanflow.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A branch as the administrator maintains it: name, whether it takes applications, grid, audit. The channel reads it
 * without the audit's user ids ({@link #forChannel()}).
 */
public record BranchDetails(
    @Schema(example = "ZY001") String code,
    @Schema(example = "汇川支行") String name,
    @Schema(description = "false: takes no new application; its open work stays") boolean active,
    @Schema(example = "[\"520303\"]", description = "County-level divisions (GB/T 2260) the branch covers, sorted")
    List<String> grid,
    Instant createdAt,
    @Schema(example = "admin") String createdBy,
    Instant updatedAt,
    @Schema(example = "admin") String updatedBy) {

  public BranchDetails {
    grid = List.copyOf(grid);
  }

  /** What the channel shows an applicant: no administrator's user id (createdBy, updatedBy null). */
  public BranchDetails forChannel() {
    return new BranchDetails(code, name, active, grid, createdAt, null, updatedAt, null);
  }
}
