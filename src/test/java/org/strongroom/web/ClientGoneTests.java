package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** A client that hung up is answered with nothing and logged without an ERROR; a real failure still is one. */
@ExtendWith(OutputCaptureExtension.class)
class ClientGoneTests {

  @Test
  void aClientThatHungUpIsNoServerError(CapturedOutput output) {
    // What Tomcat gave the handlers when a test's client closed its TLS connection mid-response.
    Exception gone = new AsyncRequestNotUsableException("ServletResponse failed to flushBuffer: "
        + "java.io.IOException: Unable to wrap data, invalid status [CLOSED]");
    Exception reset = new IOException("Connection reset by peer");

    for (Exception e : new Exception[] {gone, reset}) {
      assertThat(new ApiExceptionHandler().unexpected(e)).isNull();
      assertThat(new PageExceptionHandler().unexpected(e)).isNull();
    }
    assertThat(output).doesNotContain("ERROR").doesNotContain("Unexpected error");

    Exception failure = new IllegalStateException("a bug");
    assertThat(new ApiExceptionHandler().unexpected(failure).getStatusCode().value()).isEqualTo(500);
    assertThat(new PageExceptionHandler().unexpected(failure).getStatus().value()).isEqualTo(500);
    assertThat(output).contains("ERROR").contains("Unexpected error");
  }
}
