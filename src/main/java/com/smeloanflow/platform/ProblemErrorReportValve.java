package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (a URL with bad percent-encoding, a header too large: refused before any
 * servlet runs) as {@code application/problem+json} instead of Tomcat's HTML page with its version.
 * Installed on the host by {@link WebServerHardening}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String[] typeAndTitle = ProblemResponses.typeAndTitle(status);
    ObjectNode problem = ProblemResponses.body(status, typeAndTitle[0], typeAndTitle[1], typeAndTitle[1]);
    try {
      response.setSuspended(false);
      response.resetBuffer();
      ProblemResponses.write(response.getResponse(), problem);
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response was committed meanwhile: nothing more to say
    }
  }
}
