package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the bank's API as {@code application/problem+json} (RFC 9457). Bad input names
 * each field in {@code errors}; malformed JSON is a 400 too, never a 500.
 */
@RestControllerAdvice(basePackages = "com.smeloanflow")
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiProblemHandler.class);

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

  /**
   * Anything unexpected: a 500 as problem+json with an id to quote to operations, logged with the
   * stack trace under that id; the body never carries internals.
   */
  @ExceptionHandler(Exception.class)
  public ProblemDetail unexpected(Exception e, WebRequest request) {
    String incident = java.util.UUID.randomUUID().toString();
    log.error("Unexpected failure {} of {}", incident, request.getDescription(false), e);
    ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "系统内部错误",
        "An unexpected error occurred; quote incident " + incident + " to operations");
    problem.setProperty("incident", incident);
    return problem;
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

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem;
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      problem = invalidFields(List.of(new FieldViolation(field, "INVALID_TYPE", "取值类型不正确")));
    } else {
      problem = problem(HttpStatus.BAD_REQUEST, "malformed-json", "请求格式错误", "请求体不是有效的 JSON");
    }
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }
}
