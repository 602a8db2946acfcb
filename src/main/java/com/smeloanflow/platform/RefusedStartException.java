package com.smeloanflow.platform;

/**
 * A process instance that is not to run, refused by its first step (a delegate run in the transaction of the start): a
 * second post-loan monitoring of a loan already monitored, the monitoring of a loan off the books. Whoever started it
 * gets the refusal and nothing of the start is kept: over the engine REST API (an administrator's or process owner's
 * message correlated by hand) it is answered {@code 400} with its message ({@link ListenerRefusalPlugin} hands the engine
 * a refusal with the code {@link EngineRefusals#REFUSED}, logged as a user's error, not at ERROR); a caller of the Java
 * API gets that refusal with this exception as its cause. The message is in Chinese, the English beside.
 */
public class RefusedStartException extends StateConflictException {

  public RefusedStartException(String message) {
    super(message);
  }
}
