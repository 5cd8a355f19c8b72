package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * CIDR lists ({@code strongroom.allowed-networks}, a token's {@code --allow-ip}) and client
 * addresses. Input: the first line is a comma-separated range list, the second an address.
 * A bad range is an {@link IllegalArgumentException} naming the key (start-up stops with it);
 * a range that parses, written back in canonical form, parses to the same set of addresses; an
 * address is never resolved through DNS, and checking it throws nothing.
 */
class NetworksFuzzTests {

  @FuzzTest(maxDuration = "30s")
  void cidrLists(byte[] input) {
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 2);
    List<String> cidrs = Arrays.asList(lines[0].split(",", -1));
    String address = lines.length > 1 ? lines[1] : "10.1.2.3";

    Networks networks;
    try {
      networks = new Networks(cidrs);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).startsWith("strongroom.allowed-networks: '");
      return;
    }
    boolean contained = networks.contains(address);
    InetAddress literal = Networks.literal(address);
    if (literal == null) {
      assertThat(contained).as("not an address literal: %s", address).isFalse();
      return;
    }
    assertThat(literal.getHostAddress()).matches("[0-9a-f:.%]+");
    List<String> canonical = cidrs.stream().map(NetworksFuzzTests::canonical).toList();
    assertThat(new Networks(canonical).contains(address)).isEqualTo(contained);
    assertThat(networks.contains(literal.getHostAddress())).isEqualTo(contained);
  }

  /** A range as {@link InetAddress#getHostAddress()} writes its address, the prefix kept as given. */
  private static String canonical(String cidr) {
    String text = cidr.strip();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    String prefix = slash < 0 ? "" : text.substring(slash);
    InetAddress parsed = Networks.literal(address);
    if (parsed instanceof java.net.Inet4Address && address.contains(":") && !prefix.isEmpty()) {
      prefix = "/" + (Integer.parseInt(prefix.substring(1)) - 96);
    }
    return parsed.getHostAddress() + prefix;
  }
}
