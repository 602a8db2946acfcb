package com.smeloanflow.tasklist;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every browser test has: the applicant's mail server (started before the application
 * context that sends to it), headless Chromium, the application's port and its engine.
 */
abstract class BrowserTestBase {

  static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

  static {
    MAIL.start();
    // One mail server for every browser test of the JVM (failsafe runs them in two JVMs): stopped when it exits.
    Runtime.getRuntime().addShutdownHook(new Thread(MAIL::stop, "browser-tests-mail-server-stop"));
  }

  @RegisterExtension
  final Browser browser = new Browser();

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
  }

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine engine;

  /** Subject and text of every mail the applicant at {@code address} received so far, in the order sent. */
  static List<String> mailsTo(String address) {
    List<String> mails = new ArrayList<>();
    for (MimeMessage message : MAIL.getReceivedMessagesForDomain(address)) {
      try {
        mails.add(message.getSubject() + "\n" + message.getContent());
      } catch (MessagingException | IOException e) {
        throw new IllegalStateException("mail to " + address, e);
      }
    }
    return mails;
  }
}
