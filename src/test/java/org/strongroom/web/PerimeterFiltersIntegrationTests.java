package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.Filter;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.filter.CompositeFilter;
import org.strongroom.support.IntegrationTest;

/**
 * Tomcat runs the perimeter filters after the headers as one servlet filter, before the session
 * filters, and none of them a second time on its own; inside, they run in {@link PerimeterOrder}.
 * With the management server off (as here) no request observation runs
 * ({@link RequestObservationOff}); with it on, the observation comes between the headers and the
 * group, so that it times the perimeter's refusals (ManagementPortIntegrationTests).
 */
@IntegrationTest
class PerimeterFiltersIntegrationTests {

  @Autowired
  ServletWebServerApplicationContext context;

  @Test
  void thePerimeterIsOneServletFilterBetweenTheHeadersAndTheSessions() {
    List<String> order = servletFilterOrder(context);
    assertThat(order).doesNotContain("trustedHostFilter", "forwardedHeadersFilter", "allowedNetworksFilter",
        "bodySizeFilter", "apiResponseBufferingFilter", "unavailableFilter");
    assertThat(order).containsSubsequence("securityHeadersFilter", "perimeterFilterGroup",
        "sessionStoreUnavailableFilter", "sessionRepositoryFilter", "springSecurityFilterChain");
    assertThat(order.stream().filter("perimeterFilterGroup"::equals)).hasSize(1);
    assertThat(order).as("no request observation without a management server")
        .doesNotContain("webMvcObservationFilter", "noRequestObservation");
  }

  /** The servlet filters Tomcat runs for a request, in order. */
  static List<String> servletFilterOrder(ServletWebServerApplicationContext context) {
    Context tomcatContext = (Context) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost()
        .findChildren()[0];
    return Arrays.stream(tomcatContext.findFilterMaps()).map(FilterMap::getFilterName).toList();
  }

  @Test
  void insideTheGroupTheFiltersRunInPerimeterOrder() {
    CompositeFilter group = (CompositeFilter) context.getBean("perimeterFilterGroup", FilterRegistrationBean.class)
        .getFilter();
    @SuppressWarnings("unchecked")
    List<Filter> filters = (List<Filter>) ReflectionTestUtils.getField(group, "filters");
    assertThat(filters).extracting(filter -> filter.getClass().getSimpleName()).containsExactly(
        "TrustedHostFilter", "ForwardedHeadersFilter", "AllowedNetworksFilter", "BodySizeFilter",
        "ApiResponseBufferingFilter", "UnavailableFilter");
  }
}
