package com.smeloanflow.platform;

/**
 * A step of a job that cannot go on until an administrator changes what it reads (e.g. adds a member to the credit
 * committee), and that no person waits on: nobody could be told. Whoever throws it logs it once at ERROR with what is
 * missing; the job fails into an incident whose message in Cockpit is this one (the model gives such a step one attempt:
 * retrying by itself would change nothing), and once the administrator closed the gap a retry of the job goes on. The
 * engine logs it at DEBUG rather than as a second ERROR with a stack trace ({@link ListenerRefusalPlugin}).
 *
 * <p>The message says in Chinese what is missing and what to do, the English beside, within the engine's 666
 * characters of a job's exception message (a longer one is cut there).
 */
public class NeedsAdministratorException extends RuntimeException {

  /** The engine keeps this many characters of a job's exception message, which the incident shows. */
  public static final int MAX_MESSAGE_LENGTH = 666;

  public NeedsAdministratorException(String message) {
    super(message);
  }
}
