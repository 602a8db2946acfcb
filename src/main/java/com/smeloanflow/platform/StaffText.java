package com.smeloanflow.platform;

/**
 * The text of a refusal that staff or a channel read: the Chinese first, the English beside it in brackets for the
 * logs and the bank's developers, as in {@code 借据 LN… 不存在 (loan LN… does not exist)}. Every 404
 * ({@link NotFoundException}) and 403 the application builds itself takes this shape, as do its 409s that a person can
 * meet (over {@code /api}, the engine REST API or Tasklist), the 401 of a call without credentials,
 * {@link EngineApiGuard}'s 400s and 413, and the engine's own refusals that staff meet in Tasklist
 * ({@link EngineRefusals}).
 *
 * <p>A few {@link StateConflictException}s guard an internal invariant and stay in English: their callers' own checks
 * exclude them before, or only a job (an incident in Cockpit) can meet them. {@code LoanAccountService}'s renewal,
 * write-off and risk review (called only by the renewal's posting job after the same checks under the loan's lock, by
 * the write-off job, and by a reevaluation that found the loan active under the monitored loan's lock, whose row a
 * settlement or write-off writes in its own transaction); {@code CollectionCaseService}'s opening of a case (both
 * callers lock the loan and look for its open case first), its write-off job, its cure notice (right after the case
 * was closed cured) and a collection task's case file (the process starts for an opened case);
 * {@code CaseFiles.bindProcess}, which a person meets only through the counter intake's start, wrapped in its Chinese
 * 403 ({@code 申请 SL… 已有办理流程或不存在, 不能再启动贷款申请流程 (Application SL… does not exist or …)}).
 */
public final class StaffText {

  private StaffText() {}

  public static String of(String chinese, String english) {
    return chinese + " (" + english + ")";
  }
}
