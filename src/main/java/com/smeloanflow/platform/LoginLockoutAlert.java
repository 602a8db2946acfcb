package com.smeloanflow.platform;

import io.micrometer.core.instrument.Metrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An administrator learns when a member of staff's login is throttled or locked, whichever door the
 * wrong passwords came through (the API, the engine REST API, the webapps' login): every failed
 * password check is logged at WARN with the user id, the attempt count and the caller's address (a user id
 * nobody has with the caller's address); the
 * attempt that locks the user ({@code loginMaxAttempts}) is logged at ERROR and counted in the metric
 * {@code smeloan.login.locked}. An administrator unlocks the user in Admin (用户 → 解锁).
 *
 * <p>Camunda checks passwords in its database identity provider; this plugin puts in a subclass that
 * reports each failure (with the LDAP plugin the directory does the locking instead). The caller's
 * address comes from {@link ClientAddress}, a filter that notes it for the request's thread.
 */
@Component
public class LoginLockoutAlert extends AbstractProcessEnginePlugin {

  static final Logger log = LoggerFactory.getLogger(LoginLockoutAlert.class);
  public static final String LOCKED_METRIC = "smeloan.login.locked";
  public static final String CLIENT_ADDRESS = "clientAddress";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getIdentityProviderSessionFactory() == null) {
      configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(AlertingIdentityProvider.class));
    }
  }

  /** Camunda's database identity provider, reporting each failed login. */
  public static class AlertingIdentityProvider extends DbIdentityServiceProvider {

    /**
     * A user id nobody has is no lock to count, but still a failed login: logged at WARN with the caller's address
     * (control characters in the id replaced, so the line cannot be forged).
     */
    @Override
    public boolean checkPassword(String userId, String password) {
      boolean valid = super.checkPassword(userId, password);
      if (!valid && userId != null && findUserById(userId) == null) {
        String shown = userId.length() > 64 ? userId.substring(0, 64) + "…" : userId;
        log.warn("Failed login for unknown user {} from {}", shown.replaceAll("\\p{Cntrl}", "?"),
            MDC.get(CLIENT_ADDRESS) == null ? "unknown address" : MDC.get(CLIENT_ADDRESS));
      }
      return valid;
    }

    @Override
    protected void lockUser(UserEntity user) {
      super.lockUser(user);
      int maxAttempts = Context.getProcessEngineConfiguration().getLoginMaxAttempts();
      String client = MDC.get(CLIENT_ADDRESS) == null ? "unknown address" : MDC.get(CLIENT_ADDRESS);
      if (user.getAttempts() >= maxAttempts) {
        log.error("User {} is LOCKED after {} failed logins (last from {}); an administrator unlocks the user in Admin",
            user.getId(), user.getAttempts(), client);
        Metrics.counter(LOCKED_METRIC).increment();
      } else {
        log.warn("Failed login for user {} from {} (attempt {} of {}; locked until {})", user.getId(), client,
            user.getAttempts(), maxAttempts, user.getLockExpirationTime());
      }
    }
  }

  /** Notes the caller's address (after the proxy, see server.forward-headers-strategy) for the request's thread. */
  @Component
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public static class ClientAddress extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      MDC.put(CLIENT_ADDRESS, request.getRemoteAddr());
      try {
        chain.doFilter(request, response);
      } finally {
        MDC.remove(CLIENT_ADDRESS);
      }
    }
  }
}
