package org.strongroom.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.strongroom.core.JsonErrors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat refuses some requests before Spring sees them (an encoded {@code /}, {@code \} or NUL
 * in the path, invalid UTF-8) and would answer with its own HTML page. This valve answers
 * those with the usual JSON error body instead, naming neither the server nor the cause.
 * Responses that already have a body (everything Spring handled) are left alone.
 */
final class JsonErrorReportValve extends ErrorReportValve {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String message = status == 400 ? "Malformed request (invalid characters in the URL or headers)"
        : known != null ? known.getReasonPhrase() : "Request refused";
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("utf-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(JsonErrors.body(status, message, List.of())));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was committed meanwhile; nothing more to say.
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    /**
     * Installs the valve on the host in place of Tomcat's HTML one. Spring Boot adds its own
     * ErrorReportValve from another customizer, so the swap happens just before the host starts.
     */
    @Bean
    TomcatContextCustomizer jsonErrorReports() {
      return context -> {
        if (context.getParent() instanceof StandardHost host) {
          host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
          host.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
              replaceErrorReportValves(host);
            }
          });
        }
      };
    }

    private static void replaceErrorReportValves(StandardHost host) {
      boolean installed = false;
      for (Valve valve : host.getPipeline().getValves()) {
        if (valve instanceof JsonErrorReportValve) {
          installed = true;
        } else if (valve instanceof ErrorReportValve) {
          host.getPipeline().removeValve(valve);
        }
      }
      if (!installed) {
        host.getPipeline().addValve(new JsonErrorReportValve());
      }
    }
  }
}
