package com.smeloanflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The demo's mails arrive in its mailbox wherever its embedded SMTP server listens: the sender follows the port the
 * server is bound to (one setting, {@code smeloan.demo.embedded-smtp.port}), not {@code SMTP_PORT}. Outside the demo
 * the mails go to {@code SMTP_HOST}/{@code SMTP_PORT}. Runs the mail wiring with the real application.yaml.
 */
class DemoMailServerTest {

  private final ApplicationContextRunner application = new ApplicationContextRunner()
      .withInitializer(new ConfigDataApplicationContextInitializer())
      .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
      .withUserConfiguration(DemoMailServer.class, DemoMailSenderConfiguration.class, DemoMailboxController.class);

  @Test
  void demoMailArrivesInTheMailboxWhenTheEmbeddedServerTakesAFreePort() {
    application.withPropertyValues("spring.profiles.active=demo", "smeloan.demo.embedded-smtp.port=0").run(context -> {
      sendDocumentsReminder(context);

      assertThat(context.getBean(DemoMailboxController.class).mails())
          .extracting(DemoMailboxController.ReceivedMail::to, DemoMailboxController.ReceivedMail::subject)
          .containsExactly(Tuple.tuple("applicant@example.com", "补件通知"));
    });
  }

  @Test
  void demoMailArrivesInTheMailboxWhenTheEmbeddedServerMovedAndSmtpPortWasLeftAlone() {
    int moved = freePort();
    application.withPropertyValues("spring.profiles.active=demo", "smeloan.demo.embedded-smtp.port=" + moved)
        .run(context -> {
          sendDocumentsReminder(context);

          assertThat(context.getBean(DemoMailboxController.class).mails())
              .extracting(DemoMailboxController.ReceivedMail::subject).containsExactly("补件通知");
        });
  }

  @Test
  void productionMailGoesToSmtpHostAndPort() {
    application.withPropertyValues("spring.profiles.active=demo,production", "SMTP_HOST=smtp.bank.example",
        "SMTP_PORT=587").run(context -> {
          assertThat(context).doesNotHaveBean(DemoMailServer.class);
          JavaMailSenderImpl sender = context.getBean(JavaMailSenderImpl.class);
          assertThat(sender.getHost()).isEqualTo("smtp.bank.example");
          assertThat(sender.getPort()).isEqualTo(587);
        });
  }

  @Test
  void demoWithoutTheEmbeddedServerSendsToSmtpHostAndPort() {
    application.withPropertyValues("spring.profiles.active=demo", "smeloan.demo.embedded-smtp.enabled=false",
        "SMTP_HOST=smtp.bank.example", "SMTP_PORT=587").run(context -> {
          assertThat(context).doesNotHaveBean(DemoMailServer.class);
          JavaMailSenderImpl sender = context.getBean(JavaMailSenderImpl.class);
          assertThat(sender.getHost()).isEqualTo("smtp.bank.example");
          assertThat(sender.getPort()).isEqualTo(587);
        });
  }

  @Test
  void demoSenderKeepsTheEncodingAndTimeoutsOfSpringMail() {
    application.withPropertyValues("spring.profiles.active=demo", "smeloan.demo.embedded-smtp.port=0").run(context -> {
      JavaMailSenderImpl sender = context.getBean(JavaMailSenderImpl.class);
      assertThat(sender.getDefaultEncoding()).isEqualTo("UTF-8");
      assertThat(sender.getJavaMailProperties()).containsEntry("mail.smtp.connectiontimeout", "5000")
          .containsEntry("mail.smtp.timeout", "5000").containsEntry("mail.smtp.writetimeout", "5000");
    });
  }

  private static void sendDocumentsReminder(ApplicationContext context) {
    SimpleMailMessage mail = new SimpleMailMessage();
    mail.setFrom("noreply@smeloanflow.example");
    mail.setTo("applicant@example.com");
    mail.setSubject("补件通知");
    mail.setText("请补充营业执照。");
    context.getBean(JavaMailSender.class).send(mail);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
