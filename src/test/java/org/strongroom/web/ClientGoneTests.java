package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;

import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** A client that hung up is answered with nothing and not logged as an ERROR; any other failure still is one, with a 500. */
@ExtendWith(OutputCaptureExtension.class)
class ClientGoneTests {

  @Test
  void aClientThatHungUpIsNoServerError(CapturedOutput output) {
    // What Tomcat gave the handlers when a test's client closed its TLS connection mid-response.
    Exception gone = new AsyncRequestNotUsableException("ServletResponse failed to flushBuffer: "
        + "java.io.IOException: Unable to wrap data, invalid status [CLOSED]");
    Exception aborted = new IllegalStateException("copying the file", new ClientAbortException("Broken pipe"));

    for (Exception e : new Exception[] {gone, aborted}) {
      assertThat(new ApiExceptionHandler().unexpected(e)).isNull();
      assertThat(new PageExceptionHandler().unexpected(e)).isNull();
    }
    assertThat(output).doesNotContain("ERROR").doesNotContain("Unexpected error");

    // What merely looks like a hang-up by its name may be a failure of ours (storage, say).
    Exception[] failures = {new IllegalStateException("a bug"), new EOFException("truncated stored file"),
        new IOException("Connection reset by peer")};
    for (Exception failure : failures) {
      assertThat(new ApiExceptionHandler().unexpected(failure).getStatusCode().value()).isEqualTo(500);
      assertThat(new PageExceptionHandler().unexpected(failure).getStatus().value()).isEqualTo(500);
    }
    assertThat(output).contains("ERROR").contains("Unexpected error");
  }
}
