package com.smeloanflow.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Fills a mail template's {@code ${name}} placeholders. A placeholder without a value is an error. */
@Component
public class MailRenderer {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  public record RenderedMail(String subject, String body) {}

  public RenderedMail render(MailTemplate template, Map<String, String> values) {
    String text = load(template);
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException("Mail template " + template + " needs a value for ${" + matcher.group(1) + "}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    String filled = out.toString();
    int newline = filled.indexOf('\n');
    return new RenderedMail(filled.substring(0, newline).trim(), filled.substring(newline + 1).strip() + "\n");
  }

  private String load(MailTemplate template) {
    try (InputStream in = new ClassPathResource(template.resource()).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Mail template " + template.resource() + " cannot be read", e);
    }
  }
}
