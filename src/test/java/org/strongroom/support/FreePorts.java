package org.strongroom.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A TCP port free on this machine at the moment of asking, for a server a test starts itself. */
public final class FreePorts {

  private FreePorts() {}

  public static int any() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
