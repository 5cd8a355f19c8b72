package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Rate-limit bands ({@code strongroom.rate-limits.*}) as an operator may mistype them: a
 * mistake is an {@link IllegalArgumentException} naming the key (start-up then stops with that
 * one line), a band list that parses writes itself back to an equivalent list, and nothing
 * else is ever thrown. Corpus: {@code BandFuzzTestsInputs/bandLists}.
 */
class BandFuzzTests {

  private static final String KEY = "strongroom.rate-limits.anonymous";

  @FuzzTest(maxDuration = "30s")
  void bandLists(byte[] input) {
    String value = new String(input, StandardCharsets.UTF_8);
    List<Band> bands;
    try {
      bands = Band.parseList(KEY, value);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).startsWith("Invalid " + KEY + "=").contains("COUNT/PERIOD");
      return;
    }
    assertThat(bands).isNotEmpty().allSatisfy(band -> {
      assertThat(band.count()).isPositive();
      assertThat(band.period().isNegative() || band.period().isZero()).isFalse();
    });
    String written = bands.stream().map(Band::toString).collect(Collectors.joining(","));
    assertThat(Band.parseList(KEY, written)).isEqualTo(bands);
  }
}
