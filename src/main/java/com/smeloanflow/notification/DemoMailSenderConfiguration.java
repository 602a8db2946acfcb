package com.smeloanflow.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Demo profile with the embedded SMTP server: the application's mails go to that server, on the port it is bound to
 * ({@code smeloan.demo.embedded-smtp.port}, 0 for a free one), whatever {@code spring.mail.host} and
 * {@code spring.mail.port} ({@code SMTP_HOST}, {@code SMTP_PORT}) say. One setting, not two that must match: with the
 * embedded server moved and {@code SMTP_PORT} left alone, every mail stayed {@code PENDING} (connection refused).
 * Without the embedded server (production profile, or {@code smeloan.demo.embedded-smtp.enabled=false}) this bean
 * does not exist and Spring Boot's sender from {@code spring.mail.*} sends the mails.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo & !production")
@ConditionalOnProperty(name = "smeloan.demo.embedded-smtp.enabled", havingValue = "true")
// Spring Boot's mail configuration backs off entirely for this sender, its spring.mail.* binding with it.
@EnableConfigurationProperties(MailProperties.class)
class DemoMailSenderConfiguration {

  /** Replaces Spring Boot's {@code mailSender}; keeps its encoding, protocol and timeouts from {@code spring.mail.*}. */
  @Bean
  JavaMailSenderImpl mailSender(DemoMailServer server, MailProperties properties) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(server.host());
    sender.setPort(server.port());
    sender.setProtocol(properties.getProtocol());
    if (properties.getDefaultEncoding() != null) {
      sender.setDefaultEncoding(properties.getDefaultEncoding().name());
    }
    sender.getJavaMailProperties().putAll(properties.getProperties());
    return sender;
  }
}
