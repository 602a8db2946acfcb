package com.smeloanflow.platform;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappInitializer;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletProperties;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bank's own refusals over the engine REST API ({@code /engine-rest}) and the webapps' engine API
 * ({@code /camunda/api/engine}, which Tasklist calls), told apart by their error code ({@link EngineRefusals}: a task a
 * colleague holds {@code 20409}, a task gone {@code 20404}, a refused start {@code 20400}), are answered with the
 * status the code names in Camunda's JSON, and logged as what they are: one INFO line naming the code and the status.
 * So is the engine's refusal of a start skipping listeners at the default start event ({@code ENGINE-13024}, the
 * caller's mistake, which has no such code): {@code 400} ({@link EngineRefusals#statusOf(ProcessEngineException)}).
 * Camunda's own exception mappers would answer most of them {@code 500} and log each as {@code ENGINE-REST-HTTP500} at
 * WARN with a stack trace, a server error in the operator's log for a user's ordinary conflict. Any other exception
 * stays with Camunda's mappers: its status, its WARN and stack trace for a {@code 500}.
 *
 * <p>Jersey picks, of two mappers of one exception type, the one of higher priority ({@link Priority}, the lower value)
 * when it takes the exception ({@link ExtendedExceptionMapper#isMappable}): these two take only an exception that
 * carries one of the codes, where Camunda looks for it (the engine exception itself, or the engine exception a
 * {@link RestException} wraps).
 *
 * <p>The webapps' other APIs ({@code /camunda/api/cockpit}, {@code /camunda/api/admin}, {@code /camunda/api/tasklist},
 * {@code /camunda/api/welcome}) get no mappers: none of them can meet one of these refusals, which only an engine
 * command that acts on a task or runs the bank's listeners and delegates throws (a claim, a completion, a task's data, a
 * process start or modification). Their own endpoints only read (Cockpit's statistics and instance lists, whose POSTs
 * carry a query's filter), log a user in or out, or create the first administrator; every action Cockpit or Admin takes
 * on a task, a process instance or a variable is a call of the webapps' engine API, which has them.
 */
@Configuration(proxyBeanMethods = false)
public class EngineRefusalAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(EngineRefusalAnswers.class);

  /** Above Camunda's mappers, which have none (Jersey's default {@code 5000}). */
  static final int PRIORITY = 1000;

  /** The id at the start of an engine message, {@code ENGINE-13024 Cannot skip ...}. */
  private static final Pattern ENGINE_MESSAGE_ID = Pattern.compile("ENGINE-\\d+");

  /** The engine REST API ({@code /engine-rest}): the Jersey application Spring Boot configures. */
  @Bean
  ResourceConfigCustomizer engineRefusalMappersOnEngineRest() {
    return config -> config.register(EngineExceptionRefusal.class).register(RestExceptionRefusal.class);
  }

  /**
   * The webapps' engine API ({@code /camunda/api/engine}): a servlet of Camunda's webapp starter with its own JAX-RS
   * application, which takes further providers from the servlet's init parameter. Set by an initializer of the servlet
   * container that Tomcat runs after Spring Boot's (which runs Camunda's, registering the servlet) and before it starts
   * the servlets ({@link #addToWebappEngineApi}).
   *
   * @param webapps Camunda's initializer of the webapps, none with the webapps turned off
   */
  @Bean
  TomcatContextCustomizer engineRefusalMappersOnWebappEngineApi(ObjectProvider<CamundaBpmWebappInitializer> webapps) {
    return context -> context.addServletContainerInitializer(
        (classes, servletContext) -> addToWebappEngineApi(servletContext, webapps.getIfAvailable() != null), null);
  }

  /**
   * Adds the mappers to the servlet of the webapps' engine API, found by the JAX-RS application it serves (Camunda's
   * {@link EngineRestApplication}, the servlet's init parameter {@link ServletProperties#JAXRS_APPLICATION_CLASS}), not by
   * its name ({@code Engine Api}, Camunda's to change). With the webapps on and no such servlet taking them (Camunda
   * registers it otherwise, or gives it providers of its own), the start fails: the bank's refusals in Tasklist would
   * otherwise fall back to Camunda's {@code 500} unnoticed. With the webapps off there is none, and nothing to do.
   *
   * @throws IllegalStateException the webapps are on and no servlet of their engine API took the mappers
   */
  static void addToWebappEngineApi(ServletContext servletContext, boolean webappsOn) {
    String mappers = EngineExceptionRefusal.class.getName() + "," + RestExceptionRefusal.class.getName();
    long added = servletContext.getServletRegistrations().values().stream()
        .filter(servlet -> EngineRestApplication.class.getName().equals(servlet.getInitParameter(ServletProperties.JAXRS_APPLICATION_CLASS)))
        .filter(servlet -> servlet.setInitParameter(ServerProperties.PROVIDER_CLASSNAMES, mappers))
        .count();
    if (added == 0 && webappsOn) {
      throw new IllegalStateException("No servlet of the webapps' engine API (JAX-RS application "
          + EngineRestApplication.class.getName() + ") took the bank's refusal mappers as " + ServerProperties.PROVIDER_CLASSNAMES
          + ": Tasklist would answer the bank's refusals 500. Servlets: " + servletContext.getServletRegistrations().keySet());
    }
  }

  /**
   * The status of the bank's refusal {@code e} is or wraps, as Camunda reads its code for the answer's {@code code}
   * (of an engine exception, or of the engine exception a {@link RestException} wraps), or {@code null}: not one.
   */
  static Integer refusalStatus(Throwable e) {
    Throwable coded = e instanceof RestException ? e.getCause() : e;
    return coded instanceof ProcessEngineException engine ? EngineRefusals.statusOf(engine) : null;
  }

  /**
   * How the log names a refusal: by its error code ({@code 20409}), or, for the engine's own refusal that has none, by
   * the message id the engine's text begins with ({@code ENGINE-13024}); {@code uncoded} when there is neither.
   */
  static String refusalName(ProcessEngineException e) {
    if (e.getCode() != 0) {
      return String.valueOf(e.getCode());
    }
    Matcher id = ENGINE_MESSAGE_ID.matcher(e.getMessage() == null ? "" : e.getMessage().strip());
    return id.lookingAt() ? id.group() : "uncoded";
  }

  /** Camunda's JSON of {@code e} with the status its code names, logged as a refusal, not as a server error. */
  static Response answer(Throwable e) {
    Integer status = refusalStatus(e);
    ProcessEngineException coded = (ProcessEngineException) (e instanceof RestException ? e.getCause() : e);
    LOG.info("Refusal {} answered {}: {}: {}", refusalName(coded), status, e.getClass().getSimpleName(), e.getMessage());
    return Response.status(status).entity(ExceptionHandlerHelper.getInstance().fromException(e))
        .type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** A refusal the engine throws (a claim of a task a colleague holds, data of a task gone). */
  @Priority(PRIORITY)
  public static class EngineExceptionRefusal implements ExtendedExceptionMapper<ProcessEngineException> {
    @Override
    public boolean isMappable(ProcessEngineException e) {
      return refusalStatus(e) != null;
    }

    @Override
    public Response toResponse(ProcessEngineException e) {
      return answer(e);
    }
  }

  /** A refusal the engine REST API wraps (a refused start: "Cannot instantiate process definition …"). */
  @Priority(PRIORITY)
  public static class RestExceptionRefusal implements ExtendedExceptionMapper<RestException> {
    @Override
    public boolean isMappable(RestException e) {
      return refusalStatus(e) != null;
    }

    @Override
    public Response toResponse(RestException e) {
      return answer(e);
    }
  }
}
