package com.smeloanflow.notification;

import com.smeloanflow.casefile.ApplicationHistory;
import com.smeloanflow.intake.LoanApplication;
import com.smeloanflow.intake.LoanApplicationRepository;
import com.smeloanflow.platform.BusinessClock;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends an applicant a mail about their application and logs it in {@code mail_log}. A failure
 * to send is thrown, so the job that called it is retried and, in the end, becomes an incident.
 */
@Service
public class ApplicantMailService {

  private static final Logger log = LoggerFactory.getLogger(ApplicantMailService.class);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

  private final JavaMailSender mailSender;
  private final MailRenderer renderer;
  private final LoanApplicationRepository applications;
  private final ApplicationHistory history;
  private final JdbcClient jdbc;
  private final BusinessClock clock;
  private final String from;
  private final java.util.List<MailValueProvider> providers;

  public ApplicantMailService(JavaMailSender mailSender, MailRenderer renderer, LoanApplicationRepository applications,
      ApplicationHistory history, JdbcClient jdbc, BusinessClock clock, @Value("${smeloan.mail.from}") String from,
      java.util.List<MailValueProvider> providers) {
    this.providers = providers;
    this.mailSender = mailSender;
    this.renderer = renderer;
    this.applications = applications;
    this.history = history;
    this.jdbc = jdbc;
    this.clock = clock;
    this.from = from;
  }

  /** Sends {@code template} about the application, with extra placeholder values beyond the standard ones. */
  public void send(String applicationId, MailTemplate template, Map<String, String> extraValues) {
    LoanApplication application = applications.get(applicationId);
    Map<String, String> values = new HashMap<>(standardValues(application));
    providers.forEach(provider -> values.putAll(provider.values(applicationId)));
    values.putAll(extraValues);
    MailRenderer.RenderedMail mail = renderer.render(template, values);
    String recipient = application.legalRepEmail();
    try {
      MimeMessage message = mailSender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(from);
      helper.setTo(recipient);
      helper.setSubject(mail.subject());
      helper.setText(mail.body(), false);
      mailSender.send(message);
    } catch (MessagingException | MailException e) {
      throw new MailDeliveryException("Mail " + template + " for application " + applicationId + " to " + recipient
          + " could not be sent: " + e.getMessage(), e);
    }
    jdbc.sql("INSERT INTO mail_log (application_id, template, recipient, subject, sent_at) VALUES (:a, :t, :r, :s, :at)")
        .param("a", applicationId).param("t", template.name()).param("r", recipient).param("s", mail.subject())
        .param("at", Timestamp.from(clock.now()))
        .update();
    history.record(applicationId, "system", "MAIL_SENT", template.name() + " → " + recipient);
    log.info("Application {}: mail {} sent to {}", applicationId, template, recipient);
  }

  private Map<String, String> standardValues(LoanApplication application) {
    Map<String, String> values = new HashMap<>();
    values.put("applicationId", application.id());
    values.put("legalRepName", application.legalRepName());
    values.put("enterpriseName", application.enterpriseName());
    values.put("productName", application.product().label());
    values.put("requestedAmount", application.requestedAmount().toPlainString());
    values.put("termMonths", String.valueOf(application.termMonths()));
    values.put("today", DATE.format(clock.today()));
    values.put("missingDocuments", application.missingDocuments().stream()
        .map(doc -> "  - " + doc.label()).collect(Collectors.joining("\n")));
    return values;
  }
}
