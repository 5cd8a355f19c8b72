package org.strongroom.tokens;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/** Parses token lifetimes such as {@code 90d}, {@code 12h}, {@code 30m} or {@code never}. */
@org.springframework.modulith.NamedInterface("api")
@Component
public class TokenLifetimes {

  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,4})([dhm])");
  static final Duration MAXIMUM = Duration.ofDays(3650);

  private final TokensProperties properties;

  TokenLifetimes(TokensProperties properties) {
    this.properties = properties;
  }

  /** The lifetime, or null for a token that never expires (only when configured). */
  public Duration parse(String text) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (value.equals("never")) {
      if (!properties.allowNonExpiring()) {
        throw new IllegalArgumentException("tokens that never expire are not allowed here "
            + "(set strongroom.tokens.allow-non-expiring=true to allow them)");
      }
      return null;
    }
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a lifetime; use e.g. 90d, 12h, 30m or never");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration lifetime = switch (matcher.group(2)) {
      case "d" -> Duration.ofDays(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofMinutes(amount);
    };
    if (lifetime.compareTo(MAXIMUM) > 0) {
      throw new IllegalArgumentException("a token may live at most 3650 days");
    }
    return lifetime;
  }
}
