package org.strongroom.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.web.filter.CompositeFilter;
import org.strongroom.core.BodyLimitProperties;
import org.strongroom.files.FilesProperties;

/**
 * The perimeter filters after the headers (trusted host, forwarded headers and client address,
 * allowed networks, the HTTP-to-HTTPS redirect when it is on, body size, API response buffering,
 * the database-unavailable answer) run as one servlet filter, in {@link PerimeterOrder}, rather
 * than as a servlet filter each. Tomcat builds every request's filter chain filter by filter,
 * taking a lock per filter ({@code StandardContext.findFilterConfig}) and checking each against
 * those already added, and then calls through the chain once per filter: six of the record read's
 * fourteen servlet filters were these (bench/results/2026-12-07-read-profile.md). Each filter
 * still acts on the client's request only ({@code RequestFilter}), as before.
 *
 * <p>The group comes after Spring's request observation ({@code http.server.requests}, at
 * {@code HIGHEST_PRECEDENCE + 1}), which therefore still times the perimeter's refusals, and
 * before the session filters. PerimeterFiltersIntegrationTests checks the order Tomcat runs.
 */
@Configuration(proxyBeanMethods = false)
class PerimeterFilters {

  /** Just after the request observation; the filters inside keep their own order. */
  static final int ORDER = PerimeterOrder.TRUSTED_HOST + 1;

  /** The filters of the group are made here, not as beans, so that Boot registers none of them on its own. */
  @Bean
  FilterRegistrationBean<CompositeFilter> perimeterFilterGroup(PerimeterProperties perimeter, FilesProperties files,
      BodyLimitProperties bodyLimits, ObjectProvider<HttpsRedirect.RedirectFilter> httpsRedirect) {
    List<Filter> filters = new ArrayList<>(List.of(new TrustedHostFilter(perimeter, files),
        new ForwardedHeadersFilter(perimeter, files), new AllowedNetworksFilter(perimeter),
        new BodySizeFilter(bodyLimits), new ApiResponseBufferingFilter(), new UnavailableFilter()));
    httpsRedirect.ifAvailable(filters::add);
    AnnotationAwareOrderComparator.sort(filters);
    CompositeFilter composite = new CompositeFilter();
    composite.setFilters(filters);
    FilterRegistrationBean<CompositeFilter> registration = new FilterRegistrationBean<>(composite);
    registration.setOrder(ORDER);
    return registration;
  }

  /** A filter bean that runs inside the group (the HTTPS redirect, a bean for its start-up event), not on its own. */
  static <T extends Filter> FilterRegistrationBean<T> off(T filter) {
    FilterRegistrationBean<T> registration = new FilterRegistrationBean<>(filter);
    registration.setEnabled(false);
    return registration;
  }
}
