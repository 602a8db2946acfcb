package com.smeloanflow.identity;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Open a branch: its code, Chinese name and grid. Creates the branch's Camunda groups with it.
 *
 * @param code two capital letters and three digits, e.g. {@code ZY003}; never changes
 * @param name the Chinese name staff and customers know, at most 100 characters
 * @param grid the county-level divisions (GB/T 2260) the branch covers, at least one, none
 *             covered by another branch
 */
public record CreateBranch(
    @Schema(example = "ZY003", description = "Two capital letters and three digits; never changes") String code,
    @Schema(example = "播州支行", description = "Chinese name, at most 100 characters") String name,
    @ArraySchema(schema = @Schema(example = "520304",
        description = "County-level division code (GB/T 2260) the branch covers")) List<String> grid) {}
