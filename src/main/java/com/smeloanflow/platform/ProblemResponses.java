package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes an {@code application/problem+json} answer straight to the servlet response, for the places
 * that answer before or outside Spring MVC: the security filters (401, 403), the request-size limit
 * (413), the error page and Tomcat's own error report. Same shape as {@link ApiProblemHandler}'s.
 */
public final class ProblemResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemResponses() {}

  /** The JSON of a problem: type under {@link ApiProblemHandler#PROBLEM_BASE}, Chinese title, detail. */
  public static ObjectNode body(int status, String type, String title, String detail) {
    ObjectNode problem = JSON.createObjectNode();
    problem.put("type", ApiProblemHandler.PROBLEM_BASE + type);
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    return problem;
  }

  public static void write(HttpServletResponse response, int status, String type, String title, String detail)
      throws IOException {
    write(response, body(status, type, title, detail));
  }

  public static void write(HttpServletResponse response, ObjectNode problem) throws IOException {
    response.setStatus(problem.path("status").asInt(500));
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    byte[] bytes = JSON.writeValueAsBytes(problem);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    response.flushBuffer();
  }

  /** A short id that a 500 answer carries and the log line names, so support finds one from the other. */
  public static String newCorrelationId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Type and Chinese title of a status the API answers without a more specific problem. */
  public static String[] typeAndTitle(int status) {
    return switch (status) {
      case 400 -> new String[] {"bad-request", "请求格式错误"};
      case 401 -> new String[] {"unauthorized", "需要登录"};
      case 403 -> new String[] {"forbidden", "无权访问"};
      case 404 -> new String[] {"not-found", "资源不存在"};
      case 405 -> new String[] {"method-not-allowed", "不支持该请求方法"};
      case 406 -> new String[] {"not-acceptable", "无法提供所要求的响应格式"};
      case 409 -> new String[] {"state-conflict", "当前状态不允许此操作"};
      case 413 -> new String[] {"payload-too-large", "请求体过大"};
      case 415 -> new String[] {"unsupported-media-type", "不支持的请求格式"};
      case 431 -> new String[] {"header-too-large", "请求头过大"};
      default -> status >= 500 ? new String[] {"internal-error", "系统内部错误"} : new String[] {"bad-request", "请求有误"};
    };
  }
}
