package org.strongroom.passkeys;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The relying party as {@code strongroom.allowed-hosts} names it: the id is the first host
 * that is a name (not an address, not a wildcard), and the origins are every exact host
 * name, over HTTPS, on the default port and on the port this server listens on.
 */
record RelyingParty(String id, Set<String> origins) {

  static final String HOSTS_KEY = "strongroom.allowed-hosts";
  private static final List<String> DEFAULT_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

  static List<String> allowedHosts(Environment environment) {
    return Binder.get(environment).bind(HOSTS_KEY, Bindable.listOf(String.class)).orElse(DEFAULT_HOSTS).stream()
        .map(host -> host.trim().toLowerCase(java.util.Locale.ROOT)).filter(host -> !host.isEmpty()).toList();
  }

  /** Null when no allowed host can be a relying-party id (only addresses or wildcards). */
  static RelyingParty of(List<String> hosts, int port) {
    List<String> names = hosts.stream().filter(RelyingParty::isName).toList();
    if (names.isEmpty()) {
      return null;
    }
    Set<String> origins = new LinkedHashSet<>();
    for (String name : names) {
      origins.add("https://" + name);
      if (port > 0 && port != 443) {
        origins.add("https://" + name + ":" + port);
      }
    }
    return new RelyingParty(names.get(0), Set.copyOf(origins));
  }

  /** A DNS name WebAuthn accepts as an id: not an IP address, not a pattern. */
  static boolean isName(String host) {
    return !host.isEmpty() && !host.contains("*") && !host.startsWith(".") && !host.startsWith("[")
        && !host.matches("[0-9.]+") && !host.contains(":");
  }
}
