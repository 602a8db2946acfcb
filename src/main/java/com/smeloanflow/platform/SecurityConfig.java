package com.smeloanflow.platform;

import com.smeloanflow.identity.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Authentication on every API. The bank's API ({@code /api/**}), its OpenAPI description and the
 * demo mailbox use HTTP Basic: staff against Camunda's users, with the user's Camunda groups as
 * authorities; the system users of outside systems ({@link SystemUsers}) against a secret from the
 * environment, so no anonymous caller can lock them. The engine REST API ({@code /engine-rest/**})
 * uses Camunda's own authentication filter, so Camunda authorizations apply to it as they do in
 * Tasklist, and {@link EngineApiGuard} adds what the authorizations do not cover. The webapps keep
 * their own login. The system users call their own operations alone, not the API description nor the demo mailbox
 * ({@link SystemUserReach}), and reach neither the engine REST API nor the webapps ({@link SystemUserEngineBar}). The operations endpoints ({@code /actuator/**}) use HTTP Basic for administrators,
 * team leads and the operations group (Prometheus's system user: its metrics alone), except the load balancer's two
 * probes. A system user's id in another case or with blanks around logs in nowhere ({@link SystemUserLookalike}). See
 * docs/security.md for the whole model.
 */
@Configuration
@EnableConfigurationProperties(SystemUsers.class)
public class SecurityConfig {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
  /** HSTS for a year, subdomains included; browsers honour it over HTTPS only (behind the proxy: X-Forwarded-Proto). */
  static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

  /** The HSTS header every chain sends. */
  private static void hsts(HeadersConfigurer<HttpSecurity>.HstsConfig hsts) {
    hsts.includeSubDomains(true).maxAgeInSeconds(HSTS_MAX_AGE_SECONDS);
  }

  public static final String GROUP_AUTHORITY_PREFIX = com.smeloanflow.identity.BranchAccess.GROUP_AUTHORITY_PREFIX;

  /**
   * The operations team's group: its members read {@code /actuator/**}, like administrators and team leads. Create the
   * group in Admin to give it to staff. The system user {@code monitoring}, which Prometheus scrapes with, has it by
   * configuration and reads its metrics alone ({@link #MONITORING_OPERATIONS}).
   */
  public static final String OPERATIONS_GROUP = "operations";

  /** Prometheus's system user (README, "Running a cluster"): it holds {@link #OPERATIONS_GROUP} by configuration. */
  static final String MONITORING_USER = "monitoring";

  /** The load balancer's probes: open, status only (their details need an operations login). */
  static final String[] PROBES = {"/actuator/health/liveness", "/actuator/health/readiness"};

  /**
   * Operations endpoints ({@code /actuator/**}: health with details, info, Prometheus metrics):
   * HTTP Basic, administrators, team leads and the operations group. Prometheus's system user {@code monitoring}, in
   * the group by configuration, reads {@code /actuator/prometheus} alone: every other endpoint is 403 to it, naming the
   * call ({@link #MONITORING_OPERATIONS}). The two probes answer anyone with their status alone, as a load balancer
   * calls them without credentials; their details (database, job executor) need the same login, and are not shown to
   * {@code monitoring} ({@link #monitoringSeesProbesAsAnyone}).
   */
  @Bean
  @Order(0)
  SecurityFilterChain actuator(HttpSecurity http, AuthenticationProvider camundaUsers) throws Exception {
    return http
        .securityMatcher("/actuator/**")
        // The chain's own manager, without the global one as parent: a wrong password is checked (and logged) once.
        .authenticationManager(new ProviderManager(camundaUsers))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.GET, PROBES).permitAll()
            .anyRequest().access(AuthorizationManagers.allOf(SYSTEM_USERS_ONLY_THEIR_OPERATIONS,
                AuthorityAuthorizationManager.hasAnyAuthority(group(Groups.CAMUNDA_ADMIN), group(Groups.TEAM_LEADS),
                    group(OPERATIONS_GROUP)))))
        .addFilterAfter(SecurityConfig::monitoringSeesProbesAsAnyone, AuthorizationFilter.class)
        .httpBasic(basic -> basic.realmName("sme-loan-flow").authenticationEntryPoint(SecurityConfig::unauthorized))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityConfig::unauthorized)
            .accessDeniedHandler((request, response, denied) -> problem(response, 403, "无权访问",
                systemUserRefusal(request).orElseGet(() -> StaffText.of(
                    "运维接口仅供系统管理员、团队主管和运维组 (" + OPERATIONS_GROUP + ") 使用",
                    "operations endpoints are for administrators, team leads and the operations group")))))
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.httpStrictTransportSecurity(SecurityConfig::hsts))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /**
   * The actuator's endpoints see no login of Prometheus's system user: the probes, which it may call as anyone may,
   * answer it with their status alone, not with the details its group {@code operations} shows staff (database, job
   * executor). Its metrics need no login of their own; the authorization before this filter let nothing else through.
   */
  private static void monitoringSeesProbesAsAnyone(ServletRequest request, ServletResponse response, FilterChain chain)
      throws java.io.IOException, ServletException {
    if (!MONITORING_OPERATIONS.heldBy(SecurityContextHolder.getContext().getAuthentication())) {
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {
      @Override
      public Principal getUserPrincipal() {
        return null;
      }

      @Override
      public String getRemoteUser() {
        return null;
      }

      @Override
      public boolean isUserInRole(String role) {
        return false;
      }
    }, response);
  }

  /**
   * Requests of the API chain that only some groups may make (403 to anyone else, before any controller): the first rule
   * that matches decides, every other request needs a login only. The chain applies them in this order, and the OpenAPI
   * description declares the 403 of every operation they cover ({@link OpenApiConfig}).
   *
   * @param method  the HTTP method, null for every method
   * @param patterns Spring path patterns
   * @param groups  the Camunda groups that may
   */
  record GroupRule(HttpMethod method, String[] patterns, List<String> groups) {

    GroupRule(HttpMethod method, List<String> patterns, String... groups) {
      this(method, patterns.toArray(String[]::new), List.of(groups));
    }

    /**
     * The rules' patterns, each parsed once: {@link #covers} runs for every request of a system user (the channel's
     * polling on the AUTO path). A fixed set, the patterns of {@link #API_GROUP_RULES} and {@link #SYSTEM_USER_OPERATIONS}.
     */
    private static final Map<String, PathPattern> PARSED = new ConcurrentHashMap<>();

    /** Whether the rule covers {@code method} on {@code path} (a concrete path, no template variables). */
    boolean covers(String method, String path) {
      if (this.method != null && !this.method.matches(method)) {
        return false;
      }
      PathContainer container = PathContainer.parsePath(path);
      return Arrays.stream(patterns)
          .anyMatch(pattern -> PARSED.computeIfAbsent(pattern, PathPatternParser.defaultInstance::parse).matches(container));
    }
  }

  /** See {@link GroupRule}. */
  static final List<GroupRule> API_GROUP_RULES = List.of(
      // The demo mailbox shows every applicant's mails: administrators only.
      new GroupRule(null, List.of("/demo/**"), Groups.CAMUNDA_ADMIN),
      // Running the daily close for a chosen date moves every loan of the book: administrators only.
      new GroupRule(null, List.of("/api/sandbox/daily-close"), Groups.CAMUNDA_ADMIN),
      new GroupRule(null, List.of("/api/sandbox/**"), Groups.CAMUNDA_ADMIN, Groups.PROCESS_OWNERS),
      new GroupRule(null, List.of("/api/admin/**"), Groups.CAMUNDA_ADMIN),
      // What only a channel reports: a new application, uploaded documents, the applicant's and the guarantors'
      // signatures, the online mortgage registration.
      new GroupRule(HttpMethod.POST, List.of("/api/applications", "/api/applications/*/documents",
          "/api/applications/*/signature", "/api/applications/*/guarantee-signatures",
          "/api/applications/*/mortgage-registration"), Groups.CHANNEL_GATEWAY, Groups.CAMUNDA_ADMIN),
      // A drawdown on a credit line: the borrower asks in a channel.
      new GroupRule(HttpMethod.POST, List.of("/api/lines/*/drawdowns"), Groups.CHANNEL_GATEWAY, Groups.CAMUNDA_ADMIN),
      // Reference data the bank maintains: the Loan Prime Rates.
      new GroupRule(HttpMethod.POST, List.of("/api/lpr-rates"), Groups.CAMUNDA_ADMIN, Groups.PROCESS_OWNERS),
      // Branches are reference data: everyone reads them, administrators maintain them.
      new GroupRule(HttpMethod.POST, List.of("/api/branches", "/api/branches/**"), Groups.CAMUNDA_ADMIN),
      new GroupRule(HttpMethod.PUT, List.of("/api/branches/**"), Groups.CAMUNDA_ADMIN),
      // Repayments and their reversals: core banking reports them (the channel gateway may too, as the README's API
      // table says).
      new GroupRule(HttpMethod.POST, List.of("/api/loans/*/repayments", "/api/loans/*/repayments/*/reversal"),
          Groups.CORE_BANKING, Groups.CHANNEL_GATEWAY, Groups.CAMUNDA_ADMIN),
      // What only a channel reports about a loan: the borrower's renewal application and renewal contract signature.
      new GroupRule(HttpMethod.POST, List.of("/api/loans/*/renewal-applications", "/api/loans/*/renewal/signature"),
          Groups.CHANNEL_GATEWAY, Groups.CAMUNDA_ADMIN),
      // The bank's calendar (public holidays, make-up working days): everyone reads it, administrators load it.
      new GroupRule(HttpMethod.PUT, List.of("/api/bank-calendar/**"), Groups.CAMUNDA_ADMIN),
      // Bulk reassignment of tasks: team leads (Camunda's per-task grants decide which tasks).
      new GroupRule(HttpMethod.POST, List.of("/api/tasks/reassignments"), Groups.TEAM_LEADS, Groups.CAMUNDA_ADMIN),
      // SLA targets per task type: process owners change them.
      new GroupRule(HttpMethod.PUT, List.of("/api/sla-targets/**"), Groups.CAMUNDA_ADMIN, Groups.PROCESS_OWNERS),
      // Whitelist campaigns: head office marketing imports them and reads the reports; the figures are for
      // marketing and team leads (a branch's lead sees the branch's).
      new GroupRule(HttpMethod.GET, List.of("/api/campaigns/*/figures", "/api/campaign-figures"),
          Groups.CAMPAIGN_MANAGERS, Groups.TEAM_LEADS, Groups.CAMUNDA_ADMIN),
      new GroupRule(null, List.of("/api/campaigns", "/api/campaigns/**"), Groups.CAMPAIGN_MANAGERS, Groups.CAMUNDA_ADMIN));

  /**
   * An outside system's system user kept to its own operations: every other call is 403, before any controller and
   * whatever the group rules say, to a caller holding the system user's group, with a refusal naming the call and what
   * the system may do ({@code 渠道无权调用 GET /api/loans: 渠道只可…}). That holds on every chain that asks for a login:
   * every other operation of {@code /api/**}, the API description ({@code /v3/api-docs} in JSON and YAML, Swagger UI),
   * which describes every staff operation, the demo mailbox ({@code /demo/**}) and the operations endpoints
   * ({@code /actuator/**}, the load balancer's open probes aside). A caller holding the groups of several system users
   * may call what one of them may. The OpenAPI description declares the refusal on every operation the system may not
   * call ({@link OpenApiConfig}).
   *
   * <p>A system user whose group staff hold too (Prometheus's {@code monitoring}, group {@code operations}) is told by
   * its user id instead: {@code userId} set, the list keeps that system user alone, and staff of the group keep their
   * reach.
   *
   * @param group the system user's Camunda group
   * @param userId the system user's id when its group is shared with staff, else null (whoever holds the group)
   * @param who the system in the refusal, Chinese ({@code 渠道}) and English ({@code the channel})
   * @param may what it may do, in the refusal, Chinese and English
   * @param operations what it may call (the rules' own groups are not looked at)
   */
  record SystemUserReach(String group, String userId, String[] who, String[] may, List<GroupRule> operations) {

    /** A system user told by its group alone (no member of staff holds it). */
    SystemUserReach(String group, String[] who, String[] may, List<GroupRule> operations) {
      this(group, null, who, may, operations);
    }

    /** Whether the system may call {@code method} on {@code path} (within the application): one of its operations. */
    boolean mayCall(String method, String path) {
      return operations.stream().anyMatch(rule -> rule.covers(method, path));
    }

    /**
     * Whether {@code caller} is the system user: holds its group, or, when it is told by its user id, is that user (the
     * system users authenticate by their id, before any Camunda user of that id: {@code camundaUsers}).
     */
    boolean heldBy(Authentication caller) {
      if (caller == null) {
        return false;
      }
      if (userId != null) {
        return userId.equals(caller.getName());
      }
      String authority = SecurityConfig.group(group);
      return caller.getAuthorities().stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
    }

    /** The 403 the OpenAPI description declares where the system may not call: {@code the channel (channel-gateway) is refused: …}. */
    String openApiRefusal() {
      return who[1] + " (" + (userId == null ? group : "system user " + userId) + ") is refused: " + may[1] + " ("
          + who[0] + "无权调用)";
    }

    /** The refusal of {@code method} on {@code uri}: {@code 核心系统无权调用 GET /api/loans: 核心系统只可… (core banking may not call …)}. */
    String refusal(String method, String uri) {
      return StaffText.of(who[0] + "无权调用 " + method + " " + uri + ": " + may[0],
          who[1] + " may not call " + method + " " + uri + ": " + may[1]);
    }
  }

  /**
   * The channel (the system user of the channel gateway: mobile banking, mini program, partner channel): what an applicant
   * reports and reads of their own application, loan, renewal and credit line, by id, and the public reference data
   * (branches, Loan Prime Rates, the bank's calendar). The channel serves applicants of every branch, yet it is not
   * central staff, and reads no list of applications or loans, no team queue, report, SLA target, collection case,
   * post-loan monitoring, campaign, sandbox or administration, nor the API description or the demo mailbox. A per-id read answers it in the applicant's words (the
   * controllers' {@code forChannel} views).
   */
  static final SystemUserReach CHANNEL_OPERATIONS = new SystemUserReach(Groups.CHANNEL_GATEWAY,
      new String[] {"渠道", "the channel"},
      new String[] {"渠道只可按编号查看申请人本人的申请、借据、续贷和授信额度",
          "it reads an applicant's own application, loan, renewal and credit line by id"},
      List.of(
          new GroupRule(HttpMethod.POST, List.of("/api/applications", "/api/applications/*/documents",
              "/api/applications/*/signature", "/api/applications/*/guarantee-signatures",
              "/api/applications/*/mortgage-registration", "/api/loans/*/repayments", "/api/loans/*/repayments/*/reversal",
              "/api/loans/*/renewal-applications", "/api/loans/*/renewal/signature", "/api/lines/*/drawdowns")),
          new GroupRule(HttpMethod.GET, List.of("/api/applications/*", "/api/applications/*/history", "/api/loans/*",
              "/api/loans/*/renewal", "/api/lines/*", "/api/branches", "/api/branches/*", "/api/lpr-rates",
              "/api/bank-calendar", "/api/bank-calendar/*"))));

  /**
   * Core banking (the system user {@code core-banking}): what DESIGN.md's integration with it feeds this application, a
   * loan's repayments and their reversals (a bounced payment), and early-warning signals it observes (a frozen account).
   * It reads nothing: it reports by the loan id it books under, learns the payoff amount from an over-payment's refusal,
   * and keeps its own calendar and rates; the sandbox's core-banking endpoints are the demo's stand-in for it, played by
   * administrators and process owners. Every list, loan, application, line, SLA target, reference table, team queue,
   * report, sandbox and administration call is 403 to it, and so are the API description and the demo mailbox.
   */
  static final SystemUserReach CORE_BANKING_OPERATIONS = new SystemUserReach(Groups.CORE_BANKING,
      new String[] {"核心系统", "core banking"},
      new String[] {"核心系统只可报送借据的还款、还款冲正和预警信号",
          "it reports a loan's repayments, their reversals and early-warning signals"},
      List.of(new GroupRule(HttpMethod.POST, List.of("/api/loans/*/repayments", "/api/loans/*/repayments/*/reversal",
          "/api/loans/*/signals"))));

  /**
   * Prometheus (the system user {@code monitoring}): it scrapes {@code /actuator/prometheus}, which the operations group
   * reads (the actuator chain), and the load balancer's open probes, and calls nothing else: every {@code /api}
   * operation, health with its details, info and the API description are 403 to it. It is told by its user id, as staff
   * of the operations team hold its group {@code operations} too and keep their reach.
   */
  static final SystemUserReach MONITORING_OPERATIONS = new SystemUserReach(OPERATIONS_GROUP, MONITORING_USER,
      new String[] {"监控系统", "Prometheus"},
      new String[] {"监控系统只可读取运维接口的指标 /actuator/prometheus",
          "it reads the operations endpoints' metrics /actuator/prometheus only"},
      List.of(new GroupRule(HttpMethod.GET, List.of("/actuator/prometheus", PROBES[0], PROBES[1]))));

  /** Every system user kept to its own operations, see {@link SystemUserReach}. */
  static final List<SystemUserReach> SYSTEM_USER_OPERATIONS = List.of(CHANNEL_OPERATIONS, CORE_BANKING_OPERATIONS,
      MONITORING_OPERATIONS);

  /**
   * The system user's list that refuses {@code caller} {@code method} on {@code path} (within the application), if any:
   * the caller holds the groups of one or more system users, and none of them may call it.
   */
  static Optional<SystemUserReach> systemUserRefusing(Authentication caller, String method, String path) {
    List<SystemUserReach> held = SYSTEM_USER_OPERATIONS.stream().filter(reach -> reach.heldBy(caller)).toList();
    return held.stream().anyMatch(reach -> reach.mayCall(method, path)) ? Optional.empty() : held.stream().findFirst();
  }

  private static final UrlPathHelper PATH_HELPER = UrlPathHelper.defaultInstance;

  /**
   * Refuses a system user's group every request outside its operations ({@link #SYSTEM_USER_OPERATIONS}); anyone else
   * passes to the group rules. The path is the one the group rules match: within the application, without the context
   * path.
   */
  private static final AuthorizationManager<RequestAuthorizationContext> SYSTEM_USERS_ONLY_THEIR_OPERATIONS =
      (authentication, context) -> new AuthorizationDecision(systemUserRefusing(authentication.get(),
          context.getRequest().getMethod(), PATH_HELPER.getPathWithinApplication(context.getRequest())).isEmpty());

  /** The refusal of the request by the system user's list that refuses it ({@link #systemUserRefusing}), if any. */
  private static Optional<String> systemUserRefusal(HttpServletRequest request) {
    return systemUserRefusing(SecurityContextHolder.getContext().getAuthentication(), request.getMethod(),
        PATH_HELPER.getPathWithinApplication(request)).map(reach -> reach.refusal(request.getMethod(), request.getRequestURI()));
  }

  /** The first of {@link #API_GROUP_RULES} that covers {@code method} on {@code path}, if any. */
  static Optional<GroupRule> groupRuleFor(String method, String path) {
    return API_GROUP_RULES.stream().filter(rule -> rule.covers(method, path)).findFirst();
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationProvider camundaUsers) throws Exception {
    return http
        // The description in every form springdoc serves it: JSON (/v3/api-docs), YAML (/v3/api-docs.yaml), Swagger UI.
        .securityMatcher("/api/**", "/demo/**", "/v3/api-docs/**", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs.yaml/**",
            "/swagger-ui/**", "/swagger-ui.html")
        // The chain's own manager, without the global one as parent: a wrong password is checked (and logged) once.
        .authenticationManager(new ProviderManager(camundaUsers))
        .authorizeHttpRequests(auth -> {
          // Every rule also keeps the system users to their own operations (SYSTEM_USER_OPERATIONS).
          for (GroupRule rule : API_GROUP_RULES) {
            (rule.method() == null ? auth.requestMatchers(rule.patterns()) : auth.requestMatchers(rule.method(), rule.patterns()))
                .access(AuthorizationManagers.allOf(SYSTEM_USERS_ONLY_THEIR_OPERATIONS, AuthorityAuthorizationManager.hasAnyAuthority(
                    rule.groups().stream().map(SecurityConfig::group).toArray(String[]::new))));
          }
          auth.anyRequest().access(AuthorizationManagers.allOf(SYSTEM_USERS_ONLY_THEIR_OPERATIONS,
              AuthenticatedAuthorizationManager.authenticated()));
        })
        .httpBasic(basic -> basic.realmName("sme-loan-flow").authenticationEntryPoint(SecurityConfig::unauthorized))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityConfig::unauthorized)
            .accessDeniedHandler((request, response, denied) -> problem(response, 403, "无权访问",
                systemUserRefusal(request)
                    .orElseGet(() -> StaffText.of("您所在的用户组无权调用 " + request.getMethod() + " " + request.getRequestURI(),
                        "your groups do not allow " + request.getMethod() + " " + request.getRequestURI())))))
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.httpStrictTransportSecurity(SecurityConfig::hsts))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /**
   * The manager dashboard's page and files: open (the page logs its reader in against {@code /api/dashboard}),
   * with a Content Security Policy that lets the page run only its own scripts and talk only to this server. The
   * page keeps the reader's credentials in the tab's sessionStorage, so no injected or outside script may run
   * there; it has no inline script or style, and Chart.js styles its canvas through the DOM, which the policy
   * allows.
   */
  static final String DASHBOARD_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  @Order(2)
  SecurityFilterChain dashboardPage(HttpSecurity http) throws Exception {
    return http
        .securityMatcher("/dashboard", "/dashboard/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(DASHBOARD_CSP))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
            .frameOptions(frame -> frame.deny())
            .httpStrictTransportSecurity(SecurityConfig::hsts))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /**
   * The webapps' own files (scripts, styles, fonts, images, locales) under {@code /camunda/}: the same for
   * every user, no login needed. They may be kept by the browser, which asks again on every use ({@code
   * no-cache}; unchanged files answer {@code 304} from their modification time), so a login or a reload
   * does not fetch Tasklist's 4.3 MB of scripts again and the browser reuses what it compiled, yet a new
   * release's files are seen at once. Everything else keeps Spring Security's {@code no-store} (the webapps' pages,
   * their APIs), unless it set its own header (Camunda's engine REST API: {@code no-cache}).
   */
  static final RequestMatcher WEBAPP_FILES = request -> HttpMethod.GET.matches(request.getMethod())
      && isWebappFile(request.getRequestURI().substring(request.getContextPath().length()));

  private static final Pattern WEBAPP_FILE = Pattern.compile(
      "/camunda/(lib|app|assets)/[^?#;]*\\.(js|css|json|woff2?|ttf|eot|svg|png|gif|jpe?g|ico|map)|/camunda/favicon\\.ico");

  static boolean isWebappFile(String path) {
    return WEBAPP_FILE.matcher(path).matches() && !path.contains("..");
  }

  /** Webapps and engine REST (guarded by Camunda's filter below). */
  @Bean
  @Order(3)
  SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin())
            .httpStrictTransportSecurity(SecurityConfig::hsts)
            .cacheControl(cache -> cache.disable())
            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(WEBAPP_FILES),
                new CacheControlHeadersWriter()))
            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(WEBAPP_FILES,
                new StaticHeadersWriter(HttpHeaders.CACHE_CONTROL, "no-cache"))))
        .build();
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(ENGINE_AUTHENTICATION_ORDER);
    return registration;
  }

  static final int ENGINE_AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 20;

  /**
   * Before Camunda's authentication of the engine REST API and the webapps' login and APIs: the system users reach none
   * of them, see {@link SystemUserEngineBar}.
   */
  @Bean
  FilterRegistrationBean<SystemUserEngineBar> systemUserEngineBar(SystemUsers systemUsers) {
    FilterRegistrationBean<SystemUserEngineBar> registration =
        new FilterRegistrationBean<>(new SystemUserEngineBar(systemUsers::isSystemUser));
    registration.setName("system-user-engine-bar");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(ENGINE_AUTHENTICATION_ORDER - 10);
    return registration;
  }

  /** After Camunda's authentication of the engine REST API (and the webapps' own), see {@link EngineApiGuard}. */
  @Bean
  FilterRegistrationBean<EngineApiGuard> engineApiGuard(ObjectProvider<ProcessEngine> processEngine, SystemUsers systemUsers) {
    // Filters are created when the web server starts, before the engine (and Flyway): resolve it on use.
    FilterRegistrationBean<EngineApiGuard> registration = new FilterRegistrationBean<>(new EngineApiGuard(
        () -> processEngine.getObject().getIdentityService(), className -> {
          ProcessEngineConfigurationImpl configuration =
              (ProcessEngineConfigurationImpl) processEngine.getObject().getProcessEngineConfiguration();
          DeserializationTypeValidator validator = configuration.getDeserializationTypeValidator();
          return !configuration.isDeserializationTypeValidationEnabled() || (validator != null && validator.validate(className));
        }, systemUsers::isSystemUser));
    registration.setName("engine-api-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*", "/camunda/api/cockpit/*");
    registration.setOrder(ENGINE_AUTHENTICATION_ORDER + 10);
    registration.setMatchAfter(true);
    return registration;
  }

  /**
   * Innermost around the engine REST API and the webapps' engine API (Tasklist's): the engine's refusals in Chinese with
   * the English beside, see {@link EngineRefusalTranslation}.
   */
  @Bean
  FilterRegistrationBean<EngineRefusalTranslation> engineRefusalTranslation() {
    FilterRegistrationBean<EngineRefusalTranslation> registration = new FilterRegistrationBean<>(new EngineRefusalTranslation());
    registration.setName("engine-refusal-translation");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(ENGINE_AUTHENTICATION_ORDER + 15);
    registration.setMatchAfter(true);
    return registration;
  }

  /** A downloaded file's Chinese name kept, on the engine REST API and the webapps' engine API, see {@link AttachmentNameHeader}. */
  @Bean
  FilterRegistrationBean<AttachmentNameHeader> attachmentNameHeader() {
    FilterRegistrationBean<AttachmentNameHeader> registration = new FilterRegistrationBean<>(new AttachmentNameHeader());
    registration.setName("attachment-name-header");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(ENGINE_AUTHENTICATION_ORDER + 16);
    registration.setMatchAfter(true);
    return registration;
  }

  /**
   * A system user's secret is checked by {@link SystemUsers} (no lockout counter); everybody else's
   * password by Camunda's identity service (throttled, see loginMaxAttempts), granting their groups. A system user's id
   * in another case, full-width or with blanks or invisible characters ({@code Channel}, {@code " channel"}) is refused
   * before any check
   * ({@link SystemUserLookalike}).
   */
  @Bean
  AuthenticationProvider camundaUsers(IdentityService identityService, SystemUsers systemUsers) {
    systemUsers.checkSecrets();
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        Optional<String> resembled = systemUsers.resembled(user);
        if (resembled.isPresent()) {
          log.warn("Login as '{}', system user {} in another case, full-width or with blanks, refused, from {}", user,
              resembled.get(), MDC.get(LoginLockoutAlert.CLIENT_ADDRESS));
          throw new SystemUserLookalike(user, resembled.get());
        }
        if (systemUsers.isSystemUser(user)) {
          List<SimpleGrantedAuthority> groups = systemUsers.authenticate(user, password == null ? null : password.toString())
              .orElseThrow(() -> {
                log.warn("Failed login for system user {} from {}", user, MDC.get(LoginLockoutAlert.CLIENT_ADDRESS));
                return new BadCredentialsException("Bad user or secret");
              })
              .stream().map(SecurityConfig::group).map(SimpleGrantedAuthority::new).toList();
          return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
        }
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

  /**
   * A login as a system user's id in another case, full-width or with blanks or invisible characters ({@code Channel}
   * for {@code channel}, {@link SystemUsers#resembled}): a
   * directory comparing ids so (LDAP) would take it for the system user, while {@code camundaUsers} would check it as
   * a member of staff with the directory's groups. Refused with 403 before any password or secret is checked, as on
   * the engine REST API and the webapps ({@link SystemUserEngineBar}); the system user's exact id logs in with its secret.
   */
  static final class SystemUserLookalike extends AuthenticationException {

    SystemUserLookalike(String user, String systemUser) {
      super(StaffText.of("用户 " + user + " 与系统用户 " + systemUser + " 只差大小写、全角或空白字符, 不可登录",
          "user '" + user + "' differs from system user '" + systemUser + "' only in case, full-width letters, blanks or invisible characters and may not log in"));
    }
  }

  /** 401 as application/problem+json with the Basic challenge; 403 to a {@link SystemUserLookalike}. */
  static void unauthorized(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
      org.springframework.security.core.AuthenticationException e) throws java.io.IOException {
    if (e instanceof SystemUserLookalike) {
      problem(response, 403, "无权访问", e.getMessage());
      return;
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"sme-loan-flow\"");
    problem(response, 401, "需要登录", StaffText.of("需要登录: 请用本行用户以 HTTP Basic 方式认证",
        "authentication required: HTTP Basic with a user of the bank"));
  }

  private static void problem(jakarta.servlet.http.HttpServletResponse response, int status, String title, String detail)
      throws java.io.IOException {
    ProblemResponses.write(response, status, status == 401 ? "unauthorized" : "forbidden", title, detail);
  }

  public static String group(String groupId) {
    return GROUP_AUTHORITY_PREFIX + groupId;
  }
}
