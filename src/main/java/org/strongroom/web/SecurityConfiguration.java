package org.strongroom.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.strongroom.core.JsonErrors;
import org.strongroom.ratelimit.RateLimiting;
import org.strongroom.tokens.AccessTokens;
import org.strongroom.tokens.BearerTokenAuthenticationFilter;

/**
 * Who may call what, on one screen. Two chains: {@code /api/**} (Bearer token or session
 * cookie + CSRF header, JSON errors) and the pages (form login). Both end in deny-all, and
 * every handler also declares its rule with an annotation (checked by ArchitectureTests).
 *
 * <p>Rate limits sit inside both chains rather than as a plain filter after Spring Security:
 * the login limit must run before authentication (to refuse a guess before it is checked,
 * and to see a token refused with 401, which the token filter answers itself), and the
 * per-user limit right after it (to know the user) but before authorisation (so that a
 * refused request still counts). A filter outside the chains could do neither.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

  static final String SESSION_COOKIE = "__Host-session";
  static final String CSRF_COOKIE = "__Host-csrftoken";
  static final String CSRF_HEADER = "X-CSRFToken";
  static final String CSRF_FIELD = "csrf_token";
  static final String CSP_REPORT_PATH = "/api/csp-report";

  @Bean
  CookieCsrfTokenRepository csrfTokenRepository() {
    CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
    repository.setCookieName(CSRF_COOKIE);
    repository.setHeaderName(CSRF_HEADER);
    repository.setParameterName(CSRF_FIELD);
    repository.setCookiePath("/");
    repository.setCookieCustomizer(cookie -> cookie.secure(true).httpOnly(false).sameSite("Strict").path("/"));
    return repository;
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, AccessTokens tokens,
      CookieCsrfTokenRepository csrfTokens, RateLimiting rateLimits) throws Exception {
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, "/api/records", "/api/records/", "/api/records/*").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/records", "/api/records/").authenticated()
            .requestMatchers(HttpMethod.PUT, "/api/records/*").authenticated()
            .requestMatchers(HttpMethod.DELETE, "/api/records/*").authenticated()
            .requestMatchers(HttpMethod.GET, "/api/records/*/files", "/api/records/*/files/*",
                "/api/records/*/files/*/content").permitAll()
            .requestMatchers(HttpMethod.HEAD, "/api/records/*/files/*/content").permitAll()
            .requestMatchers(HttpMethod.PUT, "/api/records/*/files/*").authenticated()
            .requestMatchers(HttpMethod.DELETE, "/api/records/*/files/*").authenticated()
            .requestMatchers("/api/admin/rate-limits/*").hasRole("SUPERUSER")
            .requestMatchers(HttpMethod.POST, CSP_REPORT_PATH).permitAll()
            .anyRequest().denyAll())
        .addFilterBefore(new BearerTokenAuthenticationFilter(tokens), AnonymousAuthenticationFilter.class)
        .addFilterBefore(rateLimits.loginFilter(), BearerTokenAuthenticationFilter.class)
        .addFilterAfter(rateLimits.requestFilter(), AnonymousAuthenticationFilter.class)
        .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
            .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
            .requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken))
        .headers(SecurityConfiguration::onlyCacheControl)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .requestCache(cache -> cache.disable())
        .formLogin(form -> form.disable())
        .httpBasic(basic -> basic.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint((request, response, e) ->
                JsonErrors.write(response, 401, "Authentication required"))
            .accessDeniedHandler((request, response, e) -> JsonErrors.write(response, 403,
                request.getAttribute("org.springframework.security.web.csrf.CsrfToken") != null
                    && e instanceof org.springframework.security.web.csrf.CsrfException
                    ? "CSRF token missing or invalid" : "Permission denied")));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pageChain(HttpSecurity http, CookieCsrfTokenRepository csrfTokens,
      RateLimiting rateLimits) throws Exception {
    http.addFilterBefore(rateLimits.loginFilter(), UsernamePasswordAuthenticationFilter.class)
        .addFilterAfter(rateLimits.requestFilter(), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, "/", "/records", "/records/", "/records/*", "/login", "/logout",
                "/css/**", "/js/**", "/favicon.ico").permitAll()
            .requestMatchers(HttpMethod.POST, "/login", "/logout").permitAll()
            .requestMatchers("/error").permitAll()
            .anyRequest().denyAll())
        .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(plainCsrfHandler()))
        .headers(SecurityConfiguration::onlyCacheControl)
        .formLogin(form -> form.loginPage("/login").usernameParameter("username")
            .passwordParameter("password").defaultSuccessUrl("/", false).failureHandler(loginFailure()))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
            .invalidateHttpSession(true).deleteCookies(SESSION_COOKIE))
        .httpBasic(basic -> basic.disable());
    return http.build();
  }

  /** A failed login creates no session: nothing is kept for an anonymous visitor. */
  private static SimpleUrlAuthenticationFailureHandler loginFailure() {
    SimpleUrlAuthenticationFailureHandler handler = new SimpleUrlAuthenticationFailureHandler("/login?error");
    handler.setAllowSessionCreation(false);
    return handler;
  }

  /**
   * The security headers are written by {@link SecurityHeadersFilter} before this chain runs
   * (with the exact values SPEC §3 asks for); Spring Security adds only its no-store
   * Cache-Control for authenticated responses.
   */
  private static void onlyCacheControl(HeadersConfigurer<HttpSecurity> headers) {
    headers.defaultsDisabled().cacheControl(Customizer.withDefaults());
  }

  /**
   * The CSRF token as stored in the cookie is the one a client echoes: a browser app reads
   * the cookie and sends it back in {@code X-CSRFToken} (pages load it, see CurrentUserAdvice,
   * so the cookie is always there for scripts to read).
   */
  private static CsrfTokenRequestAttributeHandler plainCsrfHandler() {
    return new CsrfTokenRequestAttributeHandler();
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
    return hasSessionCookie(request);
  }

  private static boolean hasSessionCookie(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return false;
    }
    for (var cookie : request.getCookies()) {
      if (SESSION_COOKIE.equals(cookie.getName())) {
        return true;
      }
    }
    return false;
  }

}
