package com.smeloanflow.platform;

/**
 * The text of a refusal that staff or a channel read: the Chinese first, the English beside it in brackets for the
 * logs and the bank's developers, as in {@code 借据 LN… 不存在 (loan LN… does not exist)}. Every 404
 * ({@link NotFoundException}) and 403 the application builds itself takes this shape, as its 409s, the 401 of a call
 * without credentials and {@link EngineApiGuard}'s 400s and 413 do, and the engine's own refusals that staff meet in
 * Tasklist ({@link EngineRefusals}).
 */
public final class StaffText {

  private StaffText() {}

  public static String of(String chinese, String english) {
    return chinese + " (" + english + ")";
  }
}
