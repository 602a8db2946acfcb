package com.smeloanflow.notification;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** Demo profile: the mails the embedded SMTP server received, newest first. */
@RestController
@Profile("demo & !production")
@ConditionalOnProperty(name = "smeloan.demo.embedded-smtp.enabled", havingValue = "true")
public class DemoMailboxController {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

  private final DemoMailServer server;

  public DemoMailboxController(DemoMailServer server) {
    this.server = server;
  }

  public record ReceivedMail(String to, String subject, String sentAt, String body) {}

  @GetMapping(path = "/demo/mails", produces = MediaType.APPLICATION_JSON_VALUE)
  public List<ReceivedMail> mails() throws MessagingException, IOException {
    // The mail server keeps each recipient's mails together: order them by when they were sent, newest first.
    List<MimeMessage> received = new ArrayList<>(server.receivedMessages());
    Collections.reverse(received);
    received.sort(Comparator.comparing(DemoMailboxController::sentAt, Comparator.reverseOrder()));
    List<ReceivedMail> mails = new ArrayList<>();
    for (MimeMessage message : received) {
      StringBuilder to = new StringBuilder();
      for (Address address : message.getAllRecipients()) {
        to.append(to.isEmpty() ? "" : ", ").append(address);
      }
      mails.add(new ReceivedMail(to.toString(), message.getSubject(),
          message.getSentDate() == null ? "" : TIME.format(message.getSentDate().toInstant()),
          String.valueOf(message.getContent())));
    }
    return mails;
  }

  private static Instant sentAt(MimeMessage message) {
    try {
      return message.getSentDate() == null ? Instant.EPOCH : message.getSentDate().toInstant();
    } catch (MessagingException e) {
      return Instant.EPOCH;
    }
  }

  @GetMapping(path = "/demo/mailbox", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  public String mailbox() throws MessagingException, IOException {
    StringBuilder html = new StringBuilder("""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"><title>演示邮箱 - 已发出的全部邮件</title>
        <style>body{font-family:sans-serif;max-width:900px;margin:2em auto;color:#222}
        .mail{border:1px solid #ccc;border-radius:6px;padding:1em;margin:1em 0}
        .meta{color:#666;font-size:.9em}pre{white-space:pre-wrap;font-family:inherit}</style></head><body>
        <h1>演示邮箱</h1><p>演示环境内置的 SMTP 服务器收到的全部邮件(发给申请人、借款人和员工的), 最新在前。</p>
        """);
    List<ReceivedMail> mails = mails();
    if (mails.isEmpty()) {
      html.append("<p>暂无邮件。</p>");
    }
    for (ReceivedMail mail : mails) {
      html.append("<div class=\"mail\"><h3>").append(HtmlUtils.htmlEscape(mail.subject())).append("</h3>")
          .append("<div class=\"meta\">收件人: ").append(HtmlUtils.htmlEscape(mail.to()))
          .append(" · 发送时间: ").append(mail.sentAt()).append("</div><pre>")
          .append(HtmlUtils.htmlEscape(mail.body())).append("</pre></div>");
    }
    return html.append("</body></html>").toString();
  }
}
