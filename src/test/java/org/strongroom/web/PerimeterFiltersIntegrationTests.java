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
 * Tomcat runs the perimeter filters after the headers as one servlet filter, after Spring's
 * request observation (which times their refusals) and before the session filters, and none of
 * them a second time on its own; inside, they run in {@link PerimeterOrder}.
 */
@IntegrationTest
class PerimeterFiltersIntegrationTests {

  @Autowired
  ServletWebServerApplicationContext context;

  @Test
  void thePerimeterIsOneServletFilterBetweenTheObservationAndTheSessions() {
    Context tomcatContext = (Context) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost()
        .findChildren()[0];
    List<String> order = Arrays.stream(tomcatContext.findFilterMaps()).map(FilterMap::getFilterName).toList();
    assertThat(order).doesNotContain("trustedHostFilter", "forwardedHeadersFilter", "allowedNetworksFilter",
        "bodySizeFilter", "apiResponseBufferingFilter", "unavailableFilter");
    assertThat(order).containsSubsequence("securityHeadersFilter", "webMvcObservationFilter", "perimeterFilterGroup",
        "sessionStoreUnavailableFilter", "sessionRepositoryFilter", "springSecurityFilterChain");
    assertThat(order.stream().filter("perimeterFilterGroup"::equals)).hasSize(1);
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
