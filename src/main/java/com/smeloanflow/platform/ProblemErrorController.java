package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page ({@code /error}) as {@code application/problem+json} instead of Spring Boot's JSON
 * or white-label page: what fails outside a controller (a filter, the firewall's refusal of an
 * encoded path, an unmapped URL under a servlet other than Spring MVC's) answers in the API's format.
 * A 500 carries a correlation id that the log line names; no stack trace leaves the server.
 */
@Controller
public class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  @RequestMapping("${server.error.path:/error}")
  public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value && value >= 400 ? value : 500;
    String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    String[] typeAndTitle = ProblemResponses.typeAndTitle(status);
    ObjectNode problem = ProblemResponses.body(status, typeAndTitle[0], typeAndTitle[1],
        status >= 500 ? "请稍后重试; 如仍失败请联系管理员并提供编号" : typeAndTitle[1]);
    if (status >= 500) {
      String correlationId = ProblemResponses.newCorrelationId();
      problem.put("correlationId", correlationId);
      Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
      log.error("Request {} {} failed with {} [correlationId {}]", request.getMethod(), path, status, correlationId,
          failure instanceof Throwable t ? t : null);
    }
    problem.put("instance", path);
    ProblemResponses.write(response, problem);
  }
}
