package com.smeloanflow.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo profile: a real SMTP server (GreenMail) inside the app on {@code smeloan.demo.embedded-smtp.port} (0: a free
 * port), so a person trying the product sees on {@code /demo/mailbox} what applicants were sent. The application's
 * mails go to the port it is bound to ({@link DemoMailSenderConfiguration}), not to {@code spring.mail.port}.
 */
@Component
@Profile("demo & !production")
@ConditionalOnProperty(name = "smeloan.demo.embedded-smtp.enabled", havingValue = "true")
public class DemoMailServer implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);

  private final GreenMail greenMail;

  public DemoMailServer(@Value("${smeloan.demo.embedded-smtp.port}") int port) {
    this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    log.info("Demo SMTP server listening on {}:{}; mails are listed at /demo/mailbox", host(), port());
  }

  /** The address the server listens on. */
  public String host() {
    return greenMail.getSmtp().getBindTo();
  }

  /** The port the server is bound to: the configured one, or the free port it was given for 0. */
  public int port() {
    return greenMail.getSmtp().getPort();
  }

  public List<MimeMessage> receivedMessages() {
    return List.of(greenMail.getReceivedMessages());
  }

  @Override
  public void destroy() {
    greenMail.stop();
  }
}
