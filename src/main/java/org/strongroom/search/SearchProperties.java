package org.strongroom.search;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strongroom.search.*}.
 *
 * @param language PostgreSQL text-search configuration for stemming and stop words
 *                 ({@code simple}: none, as H2); changing it re-indexes every record at start-up
 * @param timeout  longest a search may run before it is cancelled and answered 503
 */
@ConfigurationProperties(prefix = "strongroom.search")
public record SearchProperties(@DefaultValue("simple") String language,
    @DefaultValue("5s") Duration timeout) {

  private static final Pattern NAME = Pattern.compile("[a-z_]{1,63}");

  public SearchProperties {
    if (!NAME.matcher(language).matches()) {
      throw new IllegalArgumentException("strongroom.search.language must name a PostgreSQL text "
          + "search configuration such as simple or english (lower-case letters only)");
    }
    if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("strongroom.search.timeout must be between 1ms and 1m (default 5s)");
    }
  }
}
