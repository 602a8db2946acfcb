package com.smeloanflow.platform;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * What kind of JSON value a request body is, from its first character as JSON's grammar has it ({@code [} an array,
 * {@code "} a string, {@code -} or a digit a number, {@code t}/{@code f} a boolean): noted while Jackson reads the body,
 * so the problem handler can tell a channel that sent {@code []}, {@code ""} or {@code null} where an object belongs what
 * it sent,
 * without reading Jackson's wording of the error (which an upgrade may change, and which already words {@code ""}
 * unlike {@code "x"}). Only bodies read as JSON; nothing is buffered, the stream is passed through as read.
 */
@ControllerAdvice
public class JsonBodyShape extends RequestBodyAdviceAdapter {

  @Override
  public boolean supports(MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
  }

  @Override
  public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return new Noted(input);
  }

  /**
   * A body that is JSON {@code null} where a required object belongs: Jackson reads it as no value, without an error,
   * and Spring would then call it a missing body (which the problem handler cannot tell from one that is not JSON).
   * Refused here with {@link NullBody}, the problem handler answering 请求体应为 JSON 对象 ({...}), 收到的是 null. An
   * optional body ({@code @RequestBody(required = false)}) or a list target keeps Spring's reading.
   */
  @Override
  public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    if (body == null && input instanceof Noted noted && noted.body != null && noted.body.first == 'n'
        && required(parameter) && !listLike(targetType)) {
      throw new NullBody(input);
    }
    return body;
  }

  private static boolean required(MethodParameter parameter) {
    RequestBody annotation = parameter.getParameterAnnotation(RequestBody.class);
    return annotation == null || annotation.required();
  }

  private static boolean listLike(Type targetType) {
    Class<?> type = ResolvableType.forType(targetType).resolve(Object.class);
    return type.isArray() || Collection.class.isAssignableFrom(type);
  }

  /** A body that was JSON {@code null} where an object is required ({@link #afterBodyRead}). */
  public static final class NullBody extends HttpMessageNotReadableException {
    NullBody(HttpInputMessage input) {
      super("JSON null where the request body must be an object", input);
    }
  }

  /**
   * The kind of value the body read as {@code message} began with, as the applicant's app is told ("数组", "字符串",
   * "数字", "布尔值"); empty for an object, {@code null} (a {@link NullBody} names it), a body not read through this
   * advice or not begun with a JSON value at all.
   */
  public static Optional<String> receivedKind(HttpInputMessage message) {
    if (!(message instanceof Noted noted) || noted.body == null) {
      return Optional.empty();
    }
    int first = noted.body.first;
    if (first == '[') {
      return Optional.of("数组");
    } else if (first == '"') {
      return Optional.of("字符串");
    } else if (first == '-' || (first >= '0' && first <= '9')) {
      return Optional.of("数字");
    } else if (first == 't' || first == 'f') {
      return Optional.of("布尔值");
    }
    return Optional.empty();
  }

  private static final class Noted implements HttpInputMessage {
    private final HttpInputMessage input;
    private FirstCharacter body;

    Noted(HttpInputMessage input) {
      this.input = input;
    }

    @Override
    public InputStream getBody() throws IOException {
      if (body == null) {
        body = new FirstCharacter(input.getBody());
      }
      return body;
    }

    @Override
    public HttpHeaders getHeaders() {
      return input.getHeaders();
    }
  }

  /** Passes the body through and keeps its first byte that is not JSON whitespace or a UTF-8 byte order mark. */
  private static final class FirstCharacter extends FilterInputStream {
    private int first = -1;

    FirstCharacter(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && first < 0) {
        note(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int i = 0; i < n && first < 0; i++) {
        note(buffer[offset + i] & 0xFF);
      }
      return n;
    }

    private void note(int b) {
      boolean whitespace = b == ' ' || b == '\t' || b == '\n' || b == '\r';
      boolean byteOrderMark = b == 0xEF || b == 0xBB || b == 0xBF;
      if (!whitespace && !byteOrderMark) {
        first = b;
      }
    }
  }
}
