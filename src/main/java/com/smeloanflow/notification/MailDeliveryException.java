package com.smeloanflow.notification;

/** The SMTP server did not take a mail. The job is retried; the last failure becomes an incident. */
public class MailDeliveryException extends RuntimeException {

  public MailDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
