package com.smeloanflow.platform;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own answers in the API's format: the errors Tomcat raises before any servlet runs (bad
 * percent-encoding in the URL, a header over the size limit) go through {@link ProblemErrorReportValve},
 * which answers {@code application/problem+json} and never names the server's version.
 */
@Component
public class WebServerHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        host.getPipeline().addValve(new ProblemErrorReportValve());
      }
    });
  }
}
