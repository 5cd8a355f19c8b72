package org.strongroom.web;

import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * A client that closed its connection while its response was being written (a cancelled
 * download, a closed tab) is not a server error: the exception handlers log it at DEBUG under
 * {@code org.strongroom.web.ClientGone} instead of an "Unexpected error" with a stack trace,
 * and answer nothing, as there is nobody to answer (an error page would only fail to be written
 * too, and be logged twice more by Tomcat).
 *
 * <p>Only failures of the response itself count: Spring's {@code AsyncRequestNotUsableException}
 * (a write or flush through the response failed) and Tomcat's {@code ClientAbortException}.
 * Spring's broader {@code DisconnectedClientHelper} also takes any {@code EOFException} or
 * exception named {@code AbortedException} (the S3 client has one) for a hang-up; answering
 * nothing to such a failure of our own would look like an empty success.
 */
final class ClientGone {

  private static final Logger log = LoggerFactory.getLogger(ClientGone.class);

  private ClientGone() {
  }

  /** True, after a DEBUG line, when {@code e} or one of its causes says the client went away. */
  static boolean check(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AsyncRequestNotUsableException || cause instanceof ClientAbortException) {
        log.debug("The client went away before its response was written: {}", cause.toString());
        return true;
      }
    }
    return false;
  }
}
