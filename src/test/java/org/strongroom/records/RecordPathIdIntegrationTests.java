package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolverComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;
import org.springframework.web.util.ServletRequestPathUtils;
import org.strongroom.support.IntegrationTest;

/**
 * The record read takes its id from the request ({@link RecordApiController#pathId}) instead of
 * through {@code @PathVariable}: for every path the application maps to the read, including ids
 * spelt with percent-encoded, reserved, non-ASCII and matrix characters, it is the value MVC's
 * own argument resolvers give a {@code @PathVariable String id}, with the application's mapping
 * and binder initializer.
 */
@IntegrationTest
class RecordPathIdIntegrationTests {

  private static final List<String> IDS = List.of("k3x9p-7q2m0", "K3X9P-7Q2M0", "x", "a%2Fb", "a%20b", "a+b",
      "%E2%82%AC", "%C3%A9t%C3%A9", "a;b=c", "abc;jsessionid=1", "%25", "a%3Bb", "..", "a.json", "%00", "~!$&'()*,=:@");

  @Autowired
  RequestMappingHandlerMapping mapping;

  @Autowired
  RequestMappingHandlerAdapter adapter;

  @Test
  void theIdIsWhatPathVariableResolvesForEveryPathMappedToTheRead() throws Exception {
    Method read = RecordApiController.class.getDeclaredMethod("read", ServletWebRequest.class,
        jakarta.servlet.http.HttpServletResponse.class);
    MethodParameter pathVariable = new MethodParameter(
        RecordPathIdIntegrationTests.class.getDeclaredMethod("reference", String.class), 0);
    pathVariable.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
    HandlerMethodArgumentResolverComposite resolvers = new HandlerMethodArgumentResolverComposite()
        .addResolvers(adapter.getArgumentResolvers());
    List<String> compared = new ArrayList<>();
    for (String id : IDS) {
      for (String path : List.of("/api/records/" + id, "/api/records/" + id + "/")) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        ServletRequestPathUtils.parseAndCache(request);
        HandlerExecutionChain chain = mapping.getHandler(request);
        if (chain == null || !(chain.getHandler() instanceof HandlerMethod handler)
            || !handler.getMethod().equals(read)) {
          continue;
        }
        ServletWebRequest webRequest = new ServletWebRequest(request, new MockHttpServletResponse());
        Object expected = resolvers.resolveArgument(pathVariable, new ModelAndViewContainer(), webRequest,
            new ServletRequestDataBinderFactory(null, adapter.getWebBindingInitializer()));
        assertThat(RecordApiController.pathId(request)).as(path).isEqualTo(expected);
        compared.add(path);
      }
    }
    assertThat(compared).as("paths mapped to the read").hasSizeGreaterThanOrEqualTo(IDS.size());
  }

  /** What {@code read} took before: the framework's way to the id. */
  @SuppressWarnings("unused")
  void reference(@PathVariable String id) {
  }
}
