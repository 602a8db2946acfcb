package com.smeloanflow.platform;

import com.smeloanflow.identity.Groups;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Authentication on every API. The bank's API ({@code /api/**}) and the demo mailbox use HTTP Basic
 * against Camunda's users, with the user's Camunda groups as authorities. The engine REST API
 * ({@code /engine-rest/**}) uses Camunda's own authentication filter, so Camunda authorizations
 * apply to it as they do in Tasklist. The webapps keep their own login.
 */
@Configuration
public class SecurityConfig {

  public static final String GROUP_AUTHORITY_PREFIX = com.smeloanflow.identity.BranchAccess.GROUP_AUTHORITY_PREFIX;

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationProvider camundaUsers) throws Exception {
    return http
        .securityMatcher("/api/**", "/demo/**")
        .authenticationProvider(camundaUsers)
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/api/sandbox/**").hasAnyAuthority(group(Groups.CAMUNDA_ADMIN), group(Groups.PROCESS_OWNERS))
            .requestMatchers("/api/admin/**").hasAuthority(group(Groups.CAMUNDA_ADMIN))
            // What only a channel reports: a new application, uploaded documents, the applicant's signature,
            // the online mortgage registration.
            .requestMatchers(HttpMethod.POST, "/api/applications", "/api/applications/*/documents",
                "/api/applications/*/signature", "/api/applications/*/guarantee-signatures",
                "/api/applications/*/mortgage-registration").hasAnyAuthority(group(Groups.CHANNEL_GATEWAY), group(Groups.CAMUNDA_ADMIN))
            // Reference data the bank maintains: the Loan Prime Rates.
            .requestMatchers(HttpMethod.POST, "/api/lpr-rates").hasAnyAuthority(group(Groups.CAMUNDA_ADMIN), group(Groups.PROCESS_OWNERS))
            // Branches are reference data: everyone reads them, administrators maintain them.
            .requestMatchers(HttpMethod.POST, "/api/branches", "/api/branches/**").hasAuthority(group(Groups.CAMUNDA_ADMIN))
            .requestMatchers(HttpMethod.PUT, "/api/branches/**").hasAuthority(group(Groups.CAMUNDA_ADMIN))
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("sme-loan-flow").authenticationEntryPoint(SecurityConfig::unauthorized))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityConfig::unauthorized)
            .accessDeniedHandler((request, response, denied) -> problem(response, 403, "无权访问",
                "Your groups do not allow " + request.getMethod() + " " + request.getRequestURI())))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /** Webapps, engine REST (guarded by Camunda's filter below), API docs and health. */
  @Bean
  @Order(2)
  SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
        .build();
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  /** Checks a user's password with Camunda's identity service and grants their groups. */
  @Bean
  AuthenticationProvider camundaUsers(IdentityService identityService) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        if (user == null || password == null || !identityService.checkPassword(user, password.toString())) {
          throw new BadCredentialsException("Bad user or password");
        }
        List<SimpleGrantedAuthority> authorities = identityService.createGroupQuery().groupMember(user).list().stream()
            .map(Group::getId).map(SecurityConfig::group).map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
      }

      @Override
      public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
      }
    };
  }

  /** 401 as application/problem+json with the Basic challenge. */
  static void unauthorized(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
      org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"sme-loan-flow\"");
    problem(response, 401, "需要登录", "Authentication required: HTTP Basic with a user of the bank");
  }

  private static void problem(jakarta.servlet.http.HttpServletResponse response, int status, String title, String detail)
      throws java.io.IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json;charset=UTF-8");
    response.getWriter().write("{\"type\":\"https://smeloan.example.com/problems/" + (status == 401 ? "unauthorized" : "forbidden")
        + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
  }

  public static String group(String groupId) {
    return GROUP_AUTHORITY_PREFIX + groupId;
  }
}
