package org.strongroom.web;

import org.springframework.web.util.DisconnectedClientHelper;

/**
 * A client that closed its connection before the response was written (a cancelled download, a
 * closed tab) is not a server error: the exception handlers log it at DEBUG under
 * {@code org.strongroom.web.ClientGone} instead of an "Unexpected error" with a stack trace, and
 * answer nothing, as there is nobody to answer.
 */
final class ClientGone {

  private static final DisconnectedClientHelper HELPER = new DisconnectedClientHelper(ClientGone.class.getName());

  private ClientGone() {
  }

  /** True, after a DEBUG line, when {@code e} says the client went away. */
  static boolean check(Throwable e) {
    return HELPER.checkAndLogClientDisconnectedException(e);
  }
}
