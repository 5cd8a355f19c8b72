package org.strongroom.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.strongroom.core.RequestFilter;

/**
 * {@code strongroom.http-redirect-port}: a plain HTTP connector that answers every request
 * with {@code 308} to the same path over HTTPS. The target host is the request's Host, which
 * the trusted-host filter has already checked, so the redirect can never point elsewhere.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("strongroom.http-redirect-port")
class HttpsRedirect {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> plainHttpConnector(PerimeterProperties properties) {
    return factory -> {
      Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
      connector.setPort(properties.httpRedirectPort());
      connector.setScheme("http");
      connector.setSecure(false);
      connector.setMaxPostSize(0);
      factory.addAdditionalConnectors(connector);
    };
  }

  @Bean
  RedirectFilter httpsRedirectFilter(PerimeterProperties properties) {
    return new RedirectFilter(properties.httpRedirectPort());
  }

  /** It runs inside {@link PerimeterFilters}, not as a servlet filter of its own. */
  @Bean
  FilterRegistrationBean<RedirectFilter> httpsRedirectFilterAlone(RedirectFilter filter) {
    return PerimeterFilters.off(filter);
  }

  static final class RedirectFilter extends RequestFilter implements Ordered {

    private final int plainPort;
    private volatile int httpsPort = 443;

    RedirectFilter(int plainPort) {
      this.plainPort = plainPort;
    }

    @Override
    public int getOrder() {
      return PerimeterOrder.HTTPS_REDIRECT;
    }

    @EventListener
    void onStarted(WebServerInitializedEvent event) {
      httpsPort = event.getWebServer().getPort();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
      return request.getLocalPort() != plainPort;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
        FilterChain chain) throws ServletException, IOException {
      StringBuilder target = new StringBuilder("https://").append(request.getServerName());
      if (httpsPort != 443) {
        target.append(':').append(httpsPort);
      }
      target.append(request.getRequestURI());
      if (request.getQueryString() != null) {
        target.append('?').append(request.getQueryString());
      }
      response.setStatus(308);
      response.setHeader("Location", target.toString());
      response.setContentLength(0);
    }
  }
}
