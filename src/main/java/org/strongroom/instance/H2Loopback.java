package org.strongroom.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps the port of H2's automatic mixed mode on loopback. With {@code AUTO_SERVER=TRUE} the
 * process that opens the database file first starts an H2 TCP server for the others, which H2
 * starts with {@code -tcpAllowOthers} on every interface unless the JVM-wide system property
 * {@code h2.bindAddress} names an address. H2 reads that property once, when its
 * {@code SysProperties} class loads, so it is set before any connection and checked after.
 * A process reaching the port still needs the lock file's random key (in the database folder,
 * mode 0700) and the database credentials.
 */
@org.springframework.modulith.NamedInterface("setup")
public final class H2Loopback {

  static final String PROPERTY = "h2.bindAddress";
  static final String LOOPBACK = "127.0.0.1";

  private H2Loopback() {}

  /** Sets {@code h2.bindAddress} to loopback unless it is set; call before H2 is first used. */
  public static void apply() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, LOOPBACK);
    }
  }

  /** Whether the URL asks for H2's automatic mixed mode. */
  static boolean autoServer(String url) {
    return url != null && url.startsWith("jdbc:h2:")
        && url.toUpperCase(Locale.ROOT).replace(" ", "").contains(";AUTO_SERVER=TRUE");
  }

  /** Refuses an automatic-mixed-mode URL when H2 would listen beyond loopback. */
  static void check(String url) {
    if (!autoServer(url)) {
      return;
    }
    apply();
    String bound = org.h2.engine.SysProperties.BIND_ADDRESS;
    if (!isLoopback(bound)) {
      throw new InvalidConfiguration("-D" + PROPERTY + "=" + (bound == null ? "(unset when H2 loaded)" : bound)
          + ": the embedded database's port for commands beside the server (AUTO_SERVER) must listen on "
          + "loopback only; remove the option, or set -D" + PROPERTY + "=" + LOOPBACK);
    }
  }

  static boolean isLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address.strip()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
