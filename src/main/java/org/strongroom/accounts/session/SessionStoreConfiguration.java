package org.strongroom.accounts.session;

import java.time.Clock;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.strongroom.accounts.AccountsProperties;
import org.strongroom.cluster.RedisConfigured;
import org.strongroom.cluster.RedisOutageLog;

/**
 * Sessions live in a Spring Session {@link SessionRepository}: in memory by default
 * ({@link InMemorySessionRepository}), in Redis when {@code strongroom.redis.url} is set
 * ({@link RedisSessionConfiguration}). Both index sessions by user ({@link SessionOwnerIndex}). The cookie is {@code __Host-session}: Secure, HttpOnly, SameSite=Lax,
 * Path=/, no Domain.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

  static final String SESSION_COOKIE = "__Host-session";

  /**
   * The name of a {@link Clock} bean the in-memory store judges idleness by instead of the
   * system clock: declared only by a test, as not a default candidate, so that nothing else
   * takes it for the application's clock.
   */
  static final String IDLE_CLOCK = "sessionIdleClock";

  @Bean
  @Conditional(RedisConfigured.Absent.class)
  InMemorySessionRepository sessionRepository(AccountsProperties properties,
      @Qualifier(IDLE_CLOCK) ObjectProvider<Clock> idleClock) {
    return new InMemorySessionRepository(properties.session().idleTimeout(), properties.session().maxSessions(),
        idleClock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  FilterRegistrationBean<SessionRepositoryFilter<?>> sessionRepositoryFilter(
      SessionRepository<? extends Session> sessions) {
    FilterRegistrationBean<SessionRepositoryFilter<?>> registration =
        new FilterRegistrationBean<>(filterFor(sessions));
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC,
        DispatcherType.FORWARD);
    return registration;
  }

  @Bean
  FilterRegistrationBean<SessionStoreUnavailableFilter> sessionStoreUnavailableFilter(RedisOutageLog outage) {
    FilterRegistrationBean<SessionStoreUnavailableFilter> registration =
        new FilterRegistrationBean<>(new SessionStoreUnavailableFilter(outage));
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
    return registration;
  }

  /** The validation filter runs inside the security chains only, not as a servlet filter too. */
  @Bean
  FilterRegistrationBean<SessionValidationFilter> sessionValidationFilterRegistration(SessionValidationFilter filter) {
    FilterRegistrationBean<SessionValidationFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setEnabled(false);
    return registration;
  }

  static DefaultCookieSerializer sessionCookie() {
    DefaultCookieSerializer cookie = new DefaultCookieSerializer();
    cookie.setCookieName(SESSION_COOKIE);
    cookie.setCookiePath("/");
    cookie.setUseSecureCookie(true);
    cookie.setUseHttpOnlyCookie(true);
    cookie.setSameSite("Lax");
    return cookie;
  }

  private static <S extends Session> SessionRepositoryFilter<S> filterFor(SessionRepository<S> sessions) {
    SessionRepositoryFilter<S> filter = new SessionRepositoryFilter<>(sessions);
    CookieHttpSessionIdResolver resolver = new CookieHttpSessionIdResolver();
    resolver.setCookieSerializer(sessionCookie());
    filter.setHttpSessionIdResolver(resolver);
    return filter;
  }
}
