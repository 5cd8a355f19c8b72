package org.strongroom.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.strongroom.files.FilesProperties;

/**
 * The {@code allowed-hosts} rule: an exact name, {@code .example.org} for the domain and all
 * its subdomains, or {@code *} for any host (refused in production by the deploy check).
 */
final class TrustedHosts {

  private final List<String> entries;

  /** The allowed hosts, and the files origin's host (which only ever serves signed downloads). */
  static TrustedHosts of(PerimeterProperties properties, FilesProperties files) {
    List<String> entries = new ArrayList<>(properties.allowedHosts());
    files.originHost().ifPresent(entries::add);
    return new TrustedHosts(entries);
  }

  TrustedHosts(List<String> entries) {
    this.entries = entries.stream().map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
  }

  boolean isTrusted(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    for (String entry : entries) {
      if (entry.equals("*") || entry.equals(name)) {
        return true;
      }
      if (entry.startsWith(".") && (name.endsWith(entry) || name.equals(entry.substring(1)))) {
        return true;
      }
    }
    return false;
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
