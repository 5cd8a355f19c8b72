package org.strongroom.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestFilterTests {

  private final List<String> acted = new ArrayList<>();

  private final RequestFilter filter = new RequestFilter() {
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return request.getRequestURI().startsWith("/static/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      acted.add(request.getRequestURI());
      chain.doFilter(request, response);
    }
  };

  @Test
  void actsOnTheClientsRequestAndPassesItOn() throws Exception {
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(new MockHttpServletRequest("GET", "/api/records/"), new MockHttpServletResponse(), chain);

    assertThat(acted).containsExactly("/api/records/");
    assertThat(chain.getRequest()).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(value = DispatcherType.class, names = "REQUEST", mode = EnumSource.Mode.EXCLUDE)
  void leavesTheDispatchesInsideARequestAlone(DispatcherType type) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
    request.setDispatcherType(type);
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(acted).isEmpty();
    assertThat(chain.getRequest()).isSameAs(request);
  }

  @Test
  void requestsItShouldNotFilterGoOnUntouched() throws Exception {
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(new MockHttpServletRequest("GET", "/static/app.css"), new MockHttpServletResponse(), chain);

    assertThat(acted).isEmpty();
    assertThat(chain.getRequest()).isNotNull();
  }
}
