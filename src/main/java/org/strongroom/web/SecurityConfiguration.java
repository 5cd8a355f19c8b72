package org.strongroom.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.strongroom.accounts.AccountSecurity;
import org.strongroom.core.JsonErrors;
import org.strongroom.passkeys.PasskeySecurity;
import org.strongroom.plugins.PluginPageAccess;
import org.strongroom.ratelimit.RateLimiting;
import org.strongroom.sso.SsoSecurity;
import org.strongroom.tokens.TokenSecurity;

/**
 * Who may call what, on one screen. Two chains: {@code /api/**} (Bearer token or session
 * cookie + CSRF header, JSON errors) and the pages (form login). Both end in deny-all, and
 * every handler also declares its rule with an annotation (checked by ArchitectureTests).
 * A third chain covers only the management server (its own port, bound to 127.0.0.1).
 *
 * <p>Each feature hands in its part through one security facade ({@link AccountSecurity},
 * {@link TokenSecurity}, {@link RateLimiting}, {@link SsoSecurity}, {@link PasskeySecurity},
 * {@link PluginPageAccess}); this class only puts the parts in order. The filters themselves
 * are the features' internals (ModularityTests and ArchitectureTests refuse a reach past the
 * facades), and the order they run in is written down in SecurityChainOrderIntegrationTests.
 *
 * <p>Sessions: Spring Session ({@code __Host-session}), checked on every request by the
 * accounts' session validation. CSRF: signed, expiring tokens bound to the session in
 * {@code __Host-csrftoken}, echoed in {@code X-CSRFToken} or {@code csrf_token}, behind an
 * Origin / Sec-Fetch-Site check; both layers are accounts'.
 *
 * <p>Rate limits sit inside both chains rather than as a plain filter after Spring Security:
 * the login limit must run before authentication (to refuse a guess before it is checked,
 * and to see a token refused with 401, which the token filter answers itself), and the
 * per-user limit right after it (to know the user) but before authorisation (so that a
 * refused request still counts). A filter outside the chains could do neither. The
 * per-account login lockout is separate (accounts/throttle/LoginThrottle).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

  static final String CSP_REPORT_PATH = "/api/csp-report";
  static final java.util.Set<String> LOOPBACK_NAMES = java.util.Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  // Each list below is allowed for GET and for HEAD alike: a server answers HEAD wherever it
  // answers GET (RFC 9110 §9.3.2), and MVC runs the GET handler, with its own checks, for it;
  // Tomcat leaves the body out.
  /** API paths anyone may read; what a record or file shows is decided by its handler. */
  private static final String[] PUBLIC_API_READS = {"/api/records", "/api/records/", "/api/records/*",
      "/api/records/*/files", "/api/records/*/files/*", "/api/records/*/files/*/content"};
  private static final String[] PUBLIC_PAGES = {"/", "/records", "/records/", "/records/*", "/login", "/logout",
      "/login/mfa", "/css/**", "/js/**", "/favicon.ico"};
  /** Deposit and edit forms, and the record page's owner actions (rights checked by their handlers). */
  private static final String[] RECORD_FORMS = {"/records/new", "/records/*/edit"};
  private static final String[] RECORD_ACTIONS = {"/records/*/delete", "/records/*/access",
      "/records/*/files/delete"};
  private static final String[] USER_PAGES = {"/account/profile", "/account/security", "/account/sudo",
      "/account/settings/applications", "/account/security/passkeys"};

  /**
   * No Spring Security observations: with an observation registry present (Actuator), Spring
   * Security otherwise wraps every filter of every chain in an observation on every request,
   * even when {@code management.observations.enable.spring.security=false} makes them no-ops
   * (the wrapping and the property lookups remain, on every request; see
   * docs/development/performance.md). The per-request metric {@code http.server.requests} is not affected.
   */
  @Bean
  static SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * Spring Security's default firewall, with its header and parameter-name rules checked by
   * {@link FirewallText} instead of its regular expressions: the same rules, cheaper on every
   * header read.
   */
  @Bean
  static HttpFirewall httpFirewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderNames(FirewallText::isAllowedName);
    firewall.setAllowedHeaderValues(FirewallText::isAllowedValue);
    firewall.setAllowedParameterNames(FirewallText::isAllowedName);
    return firewall;
  }

  /**
   * Requests that reach the management server (health and Prometheus metrics, on a port
   * bound to 127.0.0.1). {@link EndpointRequest} matches only requests received by that
   * server, so {@code /actuator/**} on the application's port falls to the chains below and
   * is refused. Everything on the management server but the two endpoints is refused too, and
   * so is a Host other than a loopback name: a web page that rebinds its own DNS name to
   * 127.0.0.1 cannot read the metrics through a local browser.
   */
  @Bean
  @Order(0)
  SecurityFilterChain managementChain(HttpSecurity http, Environment environment) throws Exception {
    boolean separatePort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
    var endpoints = EndpointRequest.toAnyEndpoint();
    http.securityMatcher(request -> separatePort && endpoints.matches(request))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(request -> !LOOPBACK_NAMES.contains(request.getServerName())).denyAll()
            .requestMatchers(EndpointRequest.to("health", "prometheus", "sbom")).permitAll()
            .anyRequest().denyAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint((request, response, e) -> JsonErrors.write(response, 403, "Permission denied"))
            .accessDeniedHandler((request, response, e) -> JsonErrors.write(response, 403, "Permission denied")));
    return http.build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, AccountSecurity accounts, TokenSecurity tokens,
      RateLimiting rateLimits) throws Exception {
    Filter bearerTokens = tokens.bearerTokens();
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, PUBLIC_API_READS).permitAll()
            .requestMatchers(HttpMethod.HEAD, PUBLIC_API_READS).permitAll()
            .requestMatchers(HttpMethod.POST, "/api/records", "/api/records/").authenticated()
            .requestMatchers(HttpMethod.PUT, "/api/records/*").authenticated()
            .requestMatchers(HttpMethod.DELETE, "/api/records/*").authenticated()
            .requestMatchers(HttpMethod.PUT, "/api/records/*/files/*").authenticated()
            .requestMatchers(HttpMethod.DELETE, "/api/records/*/files/*").authenticated()
            .requestMatchers(HttpMethod.GET, "/api/me").authenticated()
            .requestMatchers(HttpMethod.HEAD, "/api/me").authenticated()
            .requestMatchers("/api/admin/rate-limits/*").hasRole("SUPERUSER")
            .requestMatchers(HttpMethod.POST, CSP_REPORT_PATH).permitAll()
            .anyRequest().denyAll())
        .addFilterBefore(bearerTokens, AnonymousAuthenticationFilter.class)
        .addFilterBefore(rateLimits.loginFilter(), bearerTokens.getClass())
        .addFilterAfter(rateLimits.requestFilter(), AnonymousAuthenticationFilter.class)
        .addFilterAfter(accounts.sessionValidation(), SecurityContextHolderFilter.class)
        .addFilterBefore(accounts.apiOriginCheck(SecurityConfiguration::needsCsrfToken), CsrfFilter.class)
        .csrf(accounts.apiCsrf(SecurityConfiguration::needsCsrfToken))
        .headers(SecurityConfiguration::onlyCacheControl)
        // The API signs no one in: sessions come from the page sign-in, tokens authenticate only
        // their own request (a transient context). So no session management here (its filter
        // cost every request something for nothing), and a context repository that reads the
        // page session but can never create one.
        .sessionManagement(session -> session.disable())
        .securityContext(context -> context.securityContextRepository(readOnlySessionContexts()))
        .requestCache(cache -> cache.disable())
        // The API reads its caller from the security context, never through the servlet API
        // (getUserPrincipal, isUserInRole): one request wrapper and one filter fewer per call.
        .servletApi(servletApi -> servletApi.disable())
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint((request, response, e) ->
                JsonErrors.write(response, 401, "Authentication required"))
            .accessDeniedHandler((request, response, e) -> JsonErrors.write(response, 403,
                e instanceof CsrfException ? "CSRF token missing or invalid" : "Permission denied")));
    return http.build();
  }

  private static SecurityContextRepository readOnlySessionContexts() {
    HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    sessions.setAllowSessionCreation(false);
    return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(), sessions);
  }

  @Bean
  @Order(2)
  SecurityFilterChain pageChain(HttpSecurity http, AccountSecurity accounts, RateLimiting rateLimits,
      SsoSecurity sso, PasskeySecurity passkeys, PluginPageAccess pluginPages, ApplicationContext context)
      throws Exception {
    KnownPages refusals = new KnownPages(context);
    sso.configure(http);
    passkeys.configure(http);
    // Before the provider sign-in filters, which answer their two steps themselves.
    http.addFilterBefore(rateLimits.loginFilter(), OAuth2AuthorizationRequestRedirectFilter.class)
        .addFilterAfter(rateLimits.requestFilter(), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
            .requestMatchers(HttpMethod.GET, RECORD_FORMS).hasRole("USER")
            .requestMatchers(HttpMethod.HEAD, RECORD_FORMS).hasRole("USER")
            .requestMatchers(HttpMethod.GET, PUBLIC_PAGES).permitAll()
            .requestMatchers(HttpMethod.HEAD, PUBLIC_PAGES).permitAll()
            .requestMatchers(HttpMethod.POST, RECORD_FORMS).hasRole("USER")
            .requestMatchers(HttpMethod.POST, RECORD_ACTIONS).hasRole("USER")
            .requestMatchers(HttpMethod.POST, "/login", "/logout", "/login/mfa", "/login/directory").permitAll()
            .requestMatchers(HttpMethod.GET, USER_PAGES).hasRole("USER")
            .requestMatchers(HttpMethod.HEAD, USER_PAGES).hasRole("USER")
            .requestMatchers(HttpMethod.POST, "/account/security/**", "/account/sudo", "/account/sudo/**")
                .hasRole("USER")
            // Passkey registration (Spring Security's endpoint; sudo mode checked by passkeys).
            .requestMatchers(HttpMethod.POST, "/webauthn/register").hasRole("USER")
            .requestMatchers(HttpMethod.POST, "/account/settings/applications",
                "/account/settings/applications/*/revoke").hasRole("USER")
            // Superuser pages (/admin/tokens, …); sudo mode guards them too.
            .requestMatchers("/admin/**").hasRole("SUPERUSER")
            .requestMatchers("/error").permitAll()
            // Each plugin page's own rule; a page without one is denied (plugins/PluginPageAccess).
            .requestMatchers(HttpMethod.GET, "/plugins/**").access(pluginPages)
            .requestMatchers(HttpMethod.HEAD, "/plugins/**").access(pluginPages)
            .anyRequest().denyAll())
        .addFilterAfter(accounts.sessionValidation(), SecurityContextHolderFilter.class)
        .addFilterBefore(accounts.pageOriginCheck(), CsrfFilter.class)
        .csrf(accounts.pageCsrf())
        .headers(SecurityConfiguration::onlyCacheControl)
        .formLogin(accounts.formLogin())
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(sso.logoutSuccessHandler("/login?logout"))
            .addLogoutHandler(accounts.logoutAudit()).addLogoutHandler(sso.logoutHandler())
            .invalidateHttpSession(true))
        .httpBasic(basic -> basic.disable())
        .exceptionHandling(errors -> errors.authenticationEntryPoint(refusals).accessDeniedHandler(refusals));
    return http.build();
  }

  /**
   * The security headers are written by {@link SecurityHeadersFilter} before this chain runs
   * (with the exact values docs/operations/deployment.md lists); Spring Security adds only its no-store
   * Cache-Control for authenticated responses.
   */
  private static void onlyCacheControl(HeadersConfigurer<HttpSecurity> headers) {
    headers.defaultsDisabled().cacheControl(Customizer.withDefaults());
  }

  /**
   * Unsafe methods made with the session cookie need the CSRF token. Without the cookie
   * there is no ambient credential for another site to abuse: a Bearer token (or nothing)
   * cannot be forged into a request by a browser.
   */
  static boolean needsCsrfToken(HttpServletRequest request) {
    String method = request.getMethod();
    if (CSP_REPORT_PATH.equals(request.getRequestURI())) {
      // Browsers send reports on their own, without a token; the endpoint only logs.
      return false;
    }
    if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)
        || HttpMethod.OPTIONS.matches(method) || HttpMethod.TRACE.matches(method)) {
      return false;
    }
    return AccountSecurity.carriesSessionCookie(request);
  }
}
