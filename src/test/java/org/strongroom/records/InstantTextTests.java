package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link InstantText} writes every instant as {@link Instant#toString()} does. */
class InstantTextTests {

  @Test
  void writesWhatInstantToStringWrites() {
    SplittableRandom random = new SplittableRandom(33);
    List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(0, 1),
        Instant.ofEpochSecond(InstantText.LAST_SECOND, 999_999_999), Instant.ofEpochSecond(InstantText.LAST_SECOND + 1),
        Instant.ofEpochSecond(-1, 500_000_000), Instant.parse("2026-12-07T12:37:41.492844Z"),
        Instant.parse("2000-02-29T23:59:59.100Z"), Instant.parse("0001-01-01T00:00:00Z"), Instant.MIN, Instant.MAX,
        Instant.parse("+10000-01-01T00:00:00Z")));
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(-InstantText.LAST_SECOND, 2 * InstantText.LAST_SECOND);
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      instants.add(Instant.ofEpochSecond(seconds, nanos));
    }
    for (Instant instant : instants) {
      assertThat(InstantText.of(instant)).as("%d s %d ns", instant.getEpochSecond(), instant.getNano())
          .isEqualTo(instant.toString());
    }
  }
}
