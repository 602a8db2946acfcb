package com.smeloanflow.identity;

/**
 * Deactivate or reactivate a branch. A deactivated branch takes no new application (intake answers
 * {@code UNKNOWN_BRANCH}); its open applications and tasks stay with its groups.
 */
public record SetBranchActive(String code, boolean active) {}
