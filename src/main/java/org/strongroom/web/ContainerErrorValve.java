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
 * JSON under {@code /api/}, a page in the site's layout elsewhere; never a stack trace or a version.
 */
public class ContainerErrorValve extends ErrorReportValve {

  /**
   * The site's layout without its templates (Spring has not seen the request): the same header,
   * stylesheet and landmarks as every other page. The messages placed in it are our own fixed
   * texts, never anything from the request.
   */
  private static final String PAGE = readPage();

  public ContainerErrorValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  private static String readPage() {
    try (var in = ContainerErrorValve.class.getResourceAsStream("container-error.html")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("container-error.html is missing from the build", e);
    }
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
      // The same headers as every other response; the nonce lets the stylesheet link load.
      String nonce = SecurityHeadersFilter.newNonce();
      SecurityHeadersFilter.write(response, PerimeterProperties.DEFAULT_CSP.replace("{nonce}", nonce), !api);
      response.setContentType(api ? "application/json" : "text/html");
      Writer writer = response.getReporter();
      if (writer == null) {
        return;
      }
      writer.write(api ? "{\"message\":\"" + message + "\",\"status\":" + status + "}"
          : PAGE.replace("{status}", String.valueOf(status)).replace("{message}", message)
              .replace("{nonce}", nonce));
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // the client has gone; nothing more to say
    }
  }
}
