package org.strongroom.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.strongroom.files.FilesProperties;

/**
 * The {@code allowed-hosts} rule: an exact name, {@code .example.org} for the domain and all
 * its subdomains, or {@code *} for any host (refused in production by the deploy check). An
 * entry may name a port ({@code repo.example.org:8443}): then only that port is trusted with the
 * name, and links keep it (a port mapped in front of the server); a name without a port is
 * trusted on any port, but links then carry the port the server itself listens on.
 */
final class TrustedHosts {

  private record Entry(String name, int port) {
    boolean matches(String host) {
      return name.equals("*") || name.equals(host)
          || name.startsWith(".") && (host.endsWith(name) || host.equals(name.substring(1)));
    }
  }

  private final List<Entry> entries;

  /** The allowed hosts, and the files origin's host (which only ever serves signed downloads). */
  static TrustedHosts of(PerimeterProperties properties, FilesProperties files) {
    List<String> entries = new ArrayList<>(properties.allowedHosts());
    files.originHost().ifPresent(entries::add);
    return new TrustedHosts(entries);
  }

  TrustedHosts(List<String> entries) {
    this.entries = entries.stream().map(entry -> entry.toLowerCase(Locale.ROOT))
        .map(entry -> new Entry(hostOf(entry), portOf(entry))).toList();
  }

  // Loops, not streams: two of these checks run on every request.

  /** Whether the name is allowed on some port (a forwarded host, checked without its port). */
  boolean isTrusted(String host) {
    String name = normalised(host);
    if (name != null) {
      for (Entry entry : entries) {
        if (entry.matches(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the name is allowed on this port: by an entry without a port, or one naming it. */
  boolean isTrusted(String host, int port) {
    String name = normalised(host);
    if (name != null) {
      for (Entry entry : entries) {
        if (entry.matches(name) && (entry.port < 0 || entry.port == port)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether an entry names this host with exactly this port, so that links may carry it. */
  boolean namesPort(String host, int port) {
    String name = normalised(host);
    if (name != null) {
      for (Entry entry : entries) {
        if (entry.port == port && entry.matches(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String normalised(String host) {
    if (host == null || host.isEmpty()) {
      return null;
    }
    String name = host.toLowerCase(Locale.ROOT);
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** The host part of a Host header value ({@code name[:port]} or {@code [v6][:port]}). */
  static String hostOf(String headerValue) {
    String value = headerValue.strip();
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end < 0 ? value : value.substring(0, end + 1);
    }
    int colon = value.lastIndexOf(':');
    return colon < 0 ? value : value.substring(0, colon);
  }

  /** The port of a Host header value, or -1 when it has none. */
  static int portOf(String headerValue) {
    String value = headerValue.strip();
    int colon = value.lastIndexOf(':');
    if (colon < 0 || value.lastIndexOf(']') > colon) {
      return -1;
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      return port >= 1 && port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String notTrustedMessage(String host) {
    return "Host \"" + host + "\" is not trusted";
  }
}
