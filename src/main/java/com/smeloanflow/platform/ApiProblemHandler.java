package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the bank's API as {@code application/problem+json} (RFC 9457). Bad input names
 * each field in {@code errors}; malformed JSON is a 400 too, never a 500. Applies to every Spring MVC
 * handler, so an unknown path (404), a wrong method (405), an unacceptable {@code Accept} (406) or
 * content type (415) answer in the same format. Anything unexpected is a 500 problem with a
 * correlation id that the log line names; the stack trace stays in the log.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

  public static final String PROBLEM_BASE = "https://smeloan.example.com/problems/";

  @ExceptionHandler(InvalidFieldsException.class)
  public ProblemDetail invalid(InvalidFieldsException e) {
    return invalidFields(e.violations());
  }

  public static ProblemDetail invalidFields(List<FieldViolation> violations) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "请求信息有误",
        violations.size() + " 个字段有误: " + violations.stream().map(FieldViolation::field).collect(Collectors.joining(", ")));
    problem.setProperty("errors", violations);
    return problem;
  }

  /** A well-formed request a rule of the bank's refuses: 422, each field it rests on in {@code errors}. */
  @ExceptionHandler(UnprocessableFieldsException.class)
  public ProblemDetail unprocessable(UnprocessableFieldsException e) {
    ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "request-refused", "请求不予受理",
        e.violations().size() + " 个字段不符合受理条件: "
            + e.violations().stream().map(FieldViolation::field).collect(Collectors.joining(", ")));
    problem.setProperty("errors", e.violations());
    return problem;
  }

  /** A problem of the bank's API: its type (under {@link #PROBLEM_BASE}), a Chinese title, the detail. */
  public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(PROBLEM_BASE + type));
    problem.setTitle(title);
    return problem;
  }

  @ExceptionHandler(NotFoundException.class)
  public ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", e.title(), e.getMessage());
  }

  @ExceptionHandler(IdempotencyConflictException.class)
  public ProblemDetail idempotencyConflict(IdempotencyConflictException e) {
    return problem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "幂等键已用于其他请求", e.getMessage());
  }

  @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
  public ProblemDetail forbidden(org.springframework.security.access.AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "forbidden", "无权访问", e.getMessage());
  }

  @ExceptionHandler(StateConflictException.class)
  public ProblemDetail conflict(StateConflictException e) {
    return problem(HttpStatus.CONFLICT, "state-conflict", "当前状态不允许此操作", e.getMessage());
  }

  /** The unexpected: 500 with a correlation id, logged with the stack trace; the caller sees neither trace nor message. */
  @ExceptionHandler(Exception.class)
  public ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    String correlationId = ProblemResponses.newCorrelationId();
    log.error("Request {} {} failed [correlationId {}]", request.getMethod(), request.getRequestURI(), correlationId, e);
    ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "系统内部错误",
        "请稍后重试; 如仍失败请联系管理员并提供编号 " + correlationId);
    problem.setProperty("correlationId", correlationId);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** Spring's own problems (404, 405, 406, 415, ...) get the API's type and a Chinese title. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, request);
    if (answer == null) {
      return null;
    }
    if (answer.getBody() instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      String[] typeAndTitle = ProblemResponses.typeAndTitle(answer.getStatusCode().value());
      problem.setType(URI.create(PROBLEM_BASE + typeAndTitle[0]));
      problem.setTitle(typeAndTitle[1]);
    }
    HttpHeaders problemHeaders = new HttpHeaders();
    problemHeaders.putAll(answer.getHeaders());
    // An Accept the API cannot serve (406) still gets the problem in the one format it has.
    problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(answer.getBody(), problemHeaders, answer.getStatusCode());
  }

  /** An unknown path: 404 naming it, for staff and the channel's developers alike. */
  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "/" + e.getResourcePath();
    ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "not-found", "资源不存在",
        StaffText.of("路径 " + path + " 不存在", "no resource at " + path));
    return handleExceptionInternal(e, problem, headers, HttpStatus.NOT_FOUND, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiRequestLimits.PayloadTooLargeException passed) {
        ProblemDetail tooLarge = problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "请求体过大",
            "请求体不能超过 " + passed.limit() / 1024 + " KB");
        return handleExceptionInternal(e, tooLarge, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
      }
    }
    ProblemDetail problem;
    String received = e.getCause() instanceof MismatchedInputException mismatch ? notAnObject(mismatch, e) : null;
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      problem = invalidFields(List.of(new FieldViolation(field, "INVALID_TYPE", "取值类型不正确")));
    } else if (received != null) {
      // valid JSON, but an array or a single value where the endpoint takes an object ([], "x", 42)
      problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", "请求格式错误",
          "请求体应为 JSON 对象 ({...}), 收到的是" + received + " (the request body must be a JSON object)");
    } else if (e instanceof JsonBodyShape.NullBody) {
      // valid JSON too: null, which Jackson reads as no value rather than as a mismatch
      problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", "请求格式错误",
          "请求体应为 JSON 对象 ({...}), 收到的是 null (the request body must be a JSON object)");
    } else {
      problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", "请求格式错误", "请求体不是有效的 JSON");
    }
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /**
   * What the body was instead of the object the endpoint reads ("数组", "字符串", …), when the whole body (not a field of
   * it) is an array or a single value; null otherwise. Jackson says that the body as a whole did not fit (a mismatch at
   * the root, no field in its path, for a target that is not a list); what it was is the kind of its first character
   * ({@link JsonBodyShape}), not Jackson's wording of the error, which names {@code ""} unlike {@code "x"} and may change
   * with any upgrade.
   */
  private static String notAnObject(MismatchedInputException mismatch, HttpMessageNotReadableException e) {
    if (!mismatch.getPath().isEmpty() || mismatch.getTargetType() == null || mismatch.getTargetType().isArray()
        || Collection.class.isAssignableFrom(mismatch.getTargetType())) {
      return null;
    }
    return JsonBodyShape.receivedKind(e.getHttpInputMessage()).orElse(null);
  }
}
