package com.smeloanflow.identity;

import java.util.List;

/**
 * Rename a branch and/or change its grid. The grid given replaces the branch's grid; divisions it
 * no longer lists become free for another branch.
 *
 * @param code the branch (unchanged)
 * @param name the new Chinese name, at most 100 characters
 * @param grid the county-level divisions the branch covers from now on, at least one
 */
public record UpdateBranch(String code, String name, List<String> grid) {}
