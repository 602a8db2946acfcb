package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits of every request to the bank's API ({@code /api/**}), checked before anything reads it:
 * <ul>
 *   <li>A body of at most {@link #MAX_BODY_BYTES}: the largest real request (a sandbox profile with
 *       24 months of flows) is under 4 KB. A larger declared length is answered 413 at once, unread; a
 *       chunked body is counted while read and refused the moment it passes the limit, so a 5 MB
 *       unknown field is never buffered. Tomcat reads and discards the rest of a refused body, up to
 *       {@code server.tomcat.max-swallow-size} (64 MB), before it closes the connection: at its default (2 MB) a
 *       chunked 20 MB body's client lost the 413 to a reset connection about every other time.</li>
 *   <li>A whitelist file ({@code POST /api/campaigns}, {@code text/csv}) may have up to
 *       {@link #MAX_WHITELIST_BYTES}: 5,000 enterprises of about 150 bytes.</li>
 *   <li>The {@code Idempotency-Key} header: at most 128 printable ASCII characters (it is stored).</li>
 * </ul>
 * Unknown JSON fields below the limit are ignored, not refused: a channel may send a field a newer
 * version of the contract adds (DESIGN.md §6 is silent; refusing would break every channel at each
 * addition), and the limit bounds what an unknown field can cost.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiRequestLimits extends OncePerRequestFilter {

  public static final int MAX_BODY_BYTES = 64 * 1024;
  public static final int MAX_WHITELIST_BYTES = 1024 * 1024;
  public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    int limit = limitOf(request);
    if (request.getContentLengthLong() > limit) {
      response.setHeader("Connection", "close");
      ProblemResponses.write(response, tooLarge(limit));
      return;
    }
    String key = request.getHeader("Idempotency-Key");
    if (key != null && !validIdempotencyKey(key)) {
      ObjectNode problem = ProblemResponses.body(400, "invalid-request", "请求信息有误", "1 个字段有误: Idempotency-Key");
      problem.putPOJO("errors", List.of(new FieldViolation("Idempotency-Key", "INVALID_FORMAT",
          "幂等键应为 1 至 " + MAX_IDEMPOTENCY_KEY_LENGTH + " 个可打印 ASCII 字符")));
      ProblemResponses.write(response, problem);
      return;
    }
    chain.doFilter(new CountingRequest(request, limit), response);
  }

  /** The body limit of a request: a whitelist file's, or every other request's. */
  static int limitOf(HttpServletRequest request) {
    String contentType = request.getContentType();
    boolean whitelist = "POST".equals(request.getMethod()) && "/api/campaigns".equals(request.getRequestURI())
        && contentType != null && contentType.toLowerCase().startsWith("text/csv");
    return whitelist ? MAX_WHITELIST_BYTES : MAX_BODY_BYTES;
  }

  static ObjectNode tooLarge(int limit) {
    return ProblemResponses.body(413, "payload-too-large", "请求体过大", "请求体不能超过 " + limit / 1024 + " KB");
  }

  static boolean validIdempotencyKey(String key) {
    if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return false;
    }
    return key.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
  }

  /** Thrown while reading a body that passes the limit; the problem handler answers 413. */
  public static final class PayloadTooLargeException extends IOException {
    private final int limit;

    PayloadTooLargeException(int limit) {
      super("Request body larger than " + limit + " bytes");
      this.limit = limit;
    }

    /** The limit the body passed, in bytes. */
    public int limit() {
      return limit;
    }
  }

  private static final class CountingRequest extends HttpServletRequestWrapper {
    private final int limit;
    private ServletInputStream counted;

    CountingRequest(HttpServletRequest request, int limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (counted == null) {
        counted = new CountingInputStream(super.getInputStream(), limit);
      }
      return counted;
    }
  }

  private static final class CountingInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final int limit;
    private long count;

    CountingInputStream(ServletInputStream in, int limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws PayloadTooLargeException {
      count += n;
      if (count > limit) {
        throw new PayloadTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
