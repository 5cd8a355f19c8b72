package org.strongroom.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Answers requests that Tomcat refuses before they reach the application (malformed URLs,
 * encoded slashes, oversized headers) with our error format instead of Tomcat's HTML report:
 * JSON under {@code /api/}, a plain page elsewhere; never a stack trace or a version.
 */
public class ContainerErrorValve extends ErrorReportValve {

  public ContainerErrorValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus resolved = HttpStatus.resolve(status);
    String message = resolved == null ? "Error" : ErrorPages.defaultMessage(resolved);
    String uri = request.getRequestURI();
    boolean api = uri != null && uri.startsWith("/api/");
    try {
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      // The same headers as every other response; the page has no script, so no nonce is needed.
      SecurityHeadersFilter.write(response, PerimeterProperties.DEFAULT_CSP.replace("{nonce}",
          SecurityHeadersFilter.newNonce()), !api);
      response.setContentType(api ? "application/json" : "text/html");
      Writer writer = response.getReporter();
      if (writer == null) {
        return;
      }
      writer.write(api ? "{\"message\":\"" + message + "\",\"status\":" + status + "}"
          : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status
              + "</title></head><body><h1>" + status + "</h1><p>" + message + "</p></body></html>");
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // the client has gone; nothing more to say
    }
  }
}
