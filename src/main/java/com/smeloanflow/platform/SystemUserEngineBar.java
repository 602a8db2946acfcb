package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The system users of outside systems ({@link SystemUsers}: {@code channel}, {@code core-banking}, {@code monitoring})
 * call the bank's API with their secret and nothing of the process engine: on the engine REST API ({@code /engine-rest})
 * and the webapps' APIs ({@code /camunda/api/**}) a request naming one of them is refused with 403 before Camunda checks
 * a password, whatever Camunda user of that id exists (the demo seeds {@code channel} and {@code core-banking} with the
 * password {@code demo}; a bank's directory may hold them too), also in another case or with blanks around
 * ({@code Channel}, {@code " channel"}), which a directory comparing ids so (LDAP) would take for the system user:
 * <ul>
 *   <li>HTTP Basic credentials of a system user ({@code /engine-rest});</li>
 *   <li>a webapp login ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) as a system user: Camunda lets
 *       every user log in to the welcome page, and its session then reads the engine through
 *       {@code /camunda/api/engine} with the user's grants;</li>
 *   <li>a webapp session of a system user from before (its logout passes).</li>
 * </ul>
 * Camunda's authorizations alone would leave them the engine's version, their own profile and group, and the login.
 */
class SystemUserEngineBar extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

  private final Predicate<String> isSystemUser;

  SystemUserEngineBar(Predicate<String> isSystemUser) {
    this.isSystemUser = SystemUsers.orLookalike(isSystemUser);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String user = systemUserOf(request);
    if (user != null) {
      ObjectNode error = JSON.createObjectNode();
      error.put("type", "AuthorizationException");
      error.put("message", StaffText.of("系统用户 " + user + " 不可使用流程引擎接口和 Camunda 网页应用, 只可调用本行接口 /api",
          "system user '" + user + "' may not use the engine REST API or the Camunda webapps; it calls the bank's API /api only"));
      error.putNull("code");
      byte[] body = JSON.writeValueAsBytes(error);
      response.setStatus(403);
      response.setContentType("application/json;charset=UTF-8");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      return;
    }
    chain.doFilter(request, response);
  }

  /** The system user the request names, or null. */
  private String systemUserOf(HttpServletRequest request) {
    String basic = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (basic != null && isSystemUser.test(basic)) {
      return basic;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if ("POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches()) {
      // The login form (application/x-www-form-urlencoded); the webapp's JAX-RS resource still reads it.
      String login = request.getParameter("username");
      if (login != null && isSystemUser.test(login)) {
        return login;
      }
    }
    HttpSession session = request.getSession(false);
    Authentications webapp = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (webapp != null) {
      for (UserAuthentication authentication : webapp.getAuthentications()) {
        if (isSystemUser.test(authentication.getIdentityId()) && !path.endsWith("/logout")) {
          return authentication.getIdentityId();
        }
      }
    }
    return null;
  }

  /** The user id of HTTP Basic credentials, or null. */
  static String basicUser(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(0, colon);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }
}
