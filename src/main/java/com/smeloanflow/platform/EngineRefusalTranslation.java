package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine REST API's refusals, as Tasklist shows them, in Chinese with the engine's English beside
 * ({@link EngineRefusals}), on {@code /engine-rest} and on the webapps' {@code /camunda/api/engine} (which Tasklist,
 * Cockpit and Admin call). Only an error answer ({@code 4xx}, {@code 5xx}) in JSON is read: its {@code message} is
 * replaced, and nothing else: every other field ({@code type}, {@code code}, an authorization's {@code userId} and
 * {@code missingAuthorizations}) and the status stay as the REST API answers them. The status of the bank's own refusals
 * (a task gone {@code 404}, a task a colleague holds {@code 409}, a refused start {@code 400}) is set where the answer is
 * made, by {@link EngineRefusalAnswers}' exception mappers in both REST applications, which also log them. Any other
 * answer passes untouched and unbuffered.
 */
public class EngineRefusalTranslation extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Capture capture = new Capture(response);
    try {
      chain.doFilter(request, capture);
    } finally {
      capture.finish();
    }
  }

  /**
   * The error answer with this body, its {@code message} in Chinese; a body that is not JSON, or has no message told in
   * Chinese, as the REST API wrote it.
   */
  static byte[] translated(byte[] body) {
    JsonNode error;
    try {
      error = JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      return body;
    }
    return error == null ? body : translated(error, body);
  }

  /** The error body with its {@code message} in Chinese, or the body as it was. */
  private static byte[] translated(JsonNode error, byte[] body) {
    try {
      if (!(error instanceof ObjectNode object) || !error.path("type").isTextual() || !error.path("message").isTextual()) {
        return body;
      }
      List<EngineRefusals.Missing> missing = new ArrayList<>();
      error.path("missingAuthorizations").forEach(m -> missing.add(new EngineRefusals.Missing(
          m.path("permissionName").asText(null), m.path("resourceName").asText(null), m.path("resourceId").asText(null))));
      String text = EngineRefusals.staffText(error.path("type").asText(), error.path("message").asText(), missing);
      if (text == null) {
        return body;
      }
      object.put("message", text);
      return JSON.writeValueAsBytes(object);
    } catch (IOException | RuntimeException e) {
      return body;
    }
  }

  /**
   * Holds an error answer's JSON body back until the REST API has written it; lets every other answer through. The
   * REST API sets the length before the status, so a length is held back too until the body shows which it is.
   */
  private static final class Capture extends HttpServletResponseWrapper {
    private static final String CONTENT_LENGTH = "Content-Length";
    private Long heldLength;
    private ByteArrayOutputStream captured;
    private ServletOutputStream stream;

    Capture(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        String type = getContentType();
        if (getStatus() >= 400 && type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
          captured = new ByteArrayOutputStream();
          stream = new CapturingStream(captured);
        } else {
          releaseLength();
          stream = super.getOutputStream();
        }
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      releaseLength();
      return super.getWriter();
    }

    @Override
    public void setContentLength(int length) {
      heldLength = (long) length;
    }

    @Override
    public void setContentLengthLong(long length) {
      heldLength = length;
    }

    @Override
    public void setHeader(String name, String value) {
      if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
        heldLength = value == null ? null : Long.valueOf(value.trim());
      } else {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
        setHeader(name, value);
      } else {
        super.addHeader(name, value);
      }
    }

    @Override
    public void setIntHeader(String name, int value) {
      if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
        heldLength = (long) value;
      } else {
        super.setIntHeader(name, value);
      }
    }

    @Override
    public void addIntHeader(String name, int value) {
      if (CONTENT_LENGTH.equalsIgnoreCase(name)) {
        heldLength = (long) value;
      } else {
        super.addIntHeader(name, value);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (captured == null) {
        releaseLength();
        super.flushBuffer();
      }
    }

    @Override
    public void reset() {
      super.reset();
      heldLength = null;
      captured = null;
      stream = null;
    }

    private void releaseLength() {
      if (heldLength != null && !isCommitted()) {
        super.setContentLengthLong(heldLength);
      }
      heldLength = null;
    }

    /** Writes the held-back error body, translated, or the held-back length of an answer without a body. */
    void finish() throws IOException {
      if (captured == null) {
        releaseLength();
        return;
      }
      byte[] body = translated(captured.toByteArray());
      captured = null;
      heldLength = null;
      super.setContentLength(body.length);
      ServletOutputStream out = super.getOutputStream();
      out.write(body);
      out.flush();
    }
  }

  private static final class CapturingStream extends ServletOutputStream {
    private final ByteArrayOutputStream target;

    CapturingStream(ByteArrayOutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      target.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      target.write(b, off, len);
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new UnsupportedOperationException("synchronous writes only");
    }
  }
}
