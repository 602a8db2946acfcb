package com.smeloanflow.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A downloaded file keeps its name when that name is Chinese, on the engine REST API and the webapps' engine API (a file
 * variable's {@code …/data}, a task attachment's, a deployment's resource). Camunda names the file twice in
 * {@code Content-Disposition}: {@code attachment; filename="借款说明.txt"; filename*=UTF-8''%E5%80%9F…}. An HTTP header
 * carries no character beyond ISO-8859-1, so Tomcat dropped the whole header (one WARN line) and the browser saved the
 * file as {@code data}. Here every character of the quoted {@code filename} outside printable ASCII becomes {@code _}
 * (for a client that reads only that one), and {@code filename*} (RFC 6266, which browsers prefer) keeps the name in
 * full. Every other header, and a {@code Content-Disposition} without a quoted name, passes as the API writes it.
 */
public class AttachmentNameHeader extends OncePerRequestFilter {

  static final String CONTENT_DISPOSITION = "Content-Disposition";
  private static final Pattern QUOTED_NAME = Pattern.compile("filename=\"([^\"]*)\"");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, new HttpServletResponseWrapper(response) {
      @Override
      public void setHeader(String name, String value) {
        super.setHeader(name, headerValue(name, value));
      }

      @Override
      public void addHeader(String name, String value) {
        super.addHeader(name, headerValue(name, value));
      }
    });
  }

  /** {@code value} as it is, or, for a {@code Content-Disposition}, with its quoted file name in printable ASCII. */
  static String headerValue(String name, String value) {
    if (value == null || !CONTENT_DISPOSITION.equalsIgnoreCase(name)) {
      return value;
    }
    Matcher quoted = QUOTED_NAME.matcher(value);
    if (!quoted.find()) {
      return value;
    }
    StringBuilder ascii = new StringBuilder();
    quoted.group(1).codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '_'));
    return value.substring(0, quoted.start(1)) + ascii + value.substring(quoted.end(1));
  }
}
