package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Bands are parsed strictly; a mistake stops the start-up with the key's name in the message. */
class RateLimitPropertiesTests {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(RateLimitProperties.class)
  static class Config {}

  final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Config.class);

  @Test
  void defaultsAreInveniosOwn() {
    context.run(started -> {
      RateLimitProperties properties = started.getBean(RateLimitProperties.class);
      assertThat(properties.enabled()).isTrue();
      assertThat(properties.anonymous()).isEqualTo("60/1m,1000/1h");
      assertThat(properties.authenticated()).isEqualTo("100/1m,5000/1h");
      assertThat(properties.login()).isEqualTo("10/1m");
      assertThat(properties.redisFailure()).isEqualTo(RateLimitProperties.RedisFailure.FAIL_OPEN);
    });
  }

  @Test
  void parsesSeveralBandsAndUnits() {
    assertThat(Band.parseList("k", " 60/1m, 1000/1h,5/30s,100000/d "))
        .containsExactly(new Band(60, Duration.ofMinutes(1)), new Band(1000, Duration.ofHours(1)),
            new Band(5, Duration.ofSeconds(30)), new Band(100000, Duration.ofDays(1)));
    assertThat(Limits.of(List.of(new Band(60, Duration.ofMinutes(1)), new Band(2, Duration.ofDays(1)))).text())
        .isEqualTo("60/1m,2/1d");
  }

  @Test
  void refusesMalformedBands() {
    for (String bad : new String[] {"", "60", "60/", "60/1x", "0/1m", "60/0m", "-1/1m", "sixty/1m", "60/1m;1000/1h",
        "60/1m,", "99999999999/1m"}) {
      assertThatThrownBy(() -> Band.parseList("strongroom.rate-limits.anonymous", bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("strongroom.rate-limits.anonymous").hasMessageContaining("COUNT/PERIOD");
    }
  }

  @Test
  void aBadBandStopsTheStartUpNamingTheKey() {
    context.withPropertyValues("strongroom.rate-limits.login=10 per minute").run(started -> {
      assertThat(started).hasFailed();
      assertThat(started.getStartupFailure()).rootCause()
          .hasMessageContaining("strongroom.rate-limits.login").hasMessageContaining("10 per minute");
    });
  }

  @Test
  void anUnknownRedisFailureModeStopsTheStartUp() {
    context.withPropertyValues("strongroom.rate-limits.redis-failure=fail-sometimes").run(started -> {
      assertThat(started).hasFailed();
      assertThat(started.getStartupFailure()).hasMessageContaining("strongroom.rate-limits");
    });
    context.withPropertyValues("strongroom.rate-limits.redis-failure=fail-closed").run(started ->
        assertThat(started.getBean(RateLimitProperties.class).redisFailure())
            .isEqualTo(RateLimitProperties.RedisFailure.FAIL_CLOSED));
  }
}
