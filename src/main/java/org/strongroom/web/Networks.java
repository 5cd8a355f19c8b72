package org.strongroom.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Address literals and CIDR ranges. Only literals are parsed (never a DNS lookup). An
 * IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is the IPv4 address it carries, both
 * as a client address and in a range ({@code ::ffff:10.0.0.0/104} is {@code 10.0.0.0/8}).
 */
final class Networks {

  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

  /**
   * A range and its address family: an IPv4 range never matches an IPv6 address, even /0.
   * A /0 range ({@code everything}) matches every address of its family without a comparison:
   * the default ranges are two of them, and the matcher parses the address text once more.
   */
  private record Range(boolean ipv4, boolean everything, IpAddressMatcher matcher) {

    boolean matches(boolean ipv4Address, String text) {
      return ipv4 == ipv4Address && (everything || matcher.matches(text));
    }
  }

  private final List<Range> ranges;
  /** Whether some range compares addresses, and so needs the address as text. */
  private final boolean compares;

  Networks(List<String> cidrs) {
    this.ranges = cidrs.stream().map(Networks::parse).toList();
    this.compares = ranges.stream().anyMatch(range -> !range.everything());
  }

  boolean contains(String address) {
    boolean ipv4;
    String text;
    if (address != null && isCanonicalIpv4(address)) {
      ipv4 = true;  // parsing would give the same text back; it runs for every request
      text = address;
    } else {
      InetAddress parsed = literal(address);
      if (parsed == null) {
        return false;
      }
      ipv4 = parsed instanceof Inet4Address;
      text = compares ? parsed.getHostAddress() : null;
    }
    for (Range range : ranges) {
      if (range.matches(ipv4, text)) {
        return true;
      }
    }
    return false;
  }

  static Range parse(String cidr) {
    String text = cidr.strip();
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    InetAddress address = literal(addressText);
    if (address == null) {
      throw new IllegalArgumentException("strongroom.allowed-networks: '" + cidr + "' is not an address "
          + "range; write it in CIDR form, e.g. 10.0.0.0/8 or 2001:db8::/32");
    }
    int bits = address instanceof Inet4Address ? 32 : 128;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (address instanceof Inet4Address && addressText.contains(":")) {
        prefix -= 96;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("strongroom.allowed-networks: '" + cidr + "' has an invalid "
            + "prefix length; use 0-32 for IPv4 and 0-128 for IPv6");
      }
    }
    return new Range(address instanceof Inet4Address, prefix == 0,
        new IpAddressMatcher(address.getHostAddress() + "/" + prefix));
  }

  /**
   * Whether {@code text} is an IPv4 address written as {@link InetAddress#getHostAddress()}
   * writes it (four decimal parts of 0–255, no leading zeros), so that parsing it would give it
   * back unchanged. A check of its characters instead of a parse: it runs for every request.
   */
  static boolean isCanonicalIpv4(String text) {
    int parts = 0;
    int i = 0;
    int length = text.length();
    while (i < length && parts < 4) {
      int start = i;
      int value = 0;
      while (i < length && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        value = value * 10 + (text.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
        return false;
      }
      parts++;
      if (parts < 4) {
        if (i >= length || text.charAt(i) != '.') {
          return false;
        }
        i++;
      }
    }
    return parts == 4 && i == length;
  }

  /** Parses an IPv4 or IPv6 literal (brackets allowed), or returns null; never resolves names. */
  static InetAddress literal(String text) {
    if (text == null) {
      return null;
    }
    String value = text.strip();
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    if (value.isEmpty() || value.length() > 45 || !LITERAL.matcher(value).matches()
        || (!value.contains(":") && value.chars().filter(c -> c == '.').count() != 3)) {
      return null;
    }
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
