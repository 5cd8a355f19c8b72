package org.strongroom.cli;

import picocli.CommandLine.Option;

/** {@code --port N}, taken by the commands that serve. */
class PortOption {

  @Option(names = "--port", defaultValue = "5000", description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  int checked() {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 1 and 65535");
    }
    return port;
  }
}
