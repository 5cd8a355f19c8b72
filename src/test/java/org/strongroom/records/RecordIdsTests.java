package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Record ids are checked as their pattern checks them; stored access values parse exactly. */
class RecordIdsTests {

  @Test
  void anIdIsWellFormedExactlyWhenItsPatternMatches() {
    List<String> ids = new ArrayList<>(List.of("", "-", "k3x9p-7q2m0", "k3x9p7q2m0", "k3x9p-7q2m00", "K3X9P-7Q2M0",
        "k3x9p_7q2m0", "k3x9p--q2m0", "-k3x9p7q2m0"));
    for (int i = 0; i < 1_000; i++) {
      ids.add(RecordIds.generate());
    }
    // Every character (ASCII, Latin-1, a few beyond) in every position of a valid id.
    String valid = RecordIds.generate();
    for (int position = 0; position < valid.length(); position++) {
      for (char c = 0; c < 0x180; c++) {
        ids.add(valid.substring(0, position) + c + valid.substring(position + 1));
      }
      ids.add(valid.substring(0, position) + "\uD83D\uDE00" + valid.substring(position + 1));
    }
    SplittableRandom random = new SplittableRandom(33);
    for (int i = 0; i < 10_000; i++) {
      StringBuilder id = new StringBuilder();
      for (int c = 0; c < 11; c++) {
        id.append((char) random.nextInt('0' - 4, 'z' + 4));
      }
      ids.add(id.toString());
    }
    for (String id : ids) {
      assertThat(RecordIds.isWellFormed(id)).as(id).isEqualTo(RecordIds.SHAPE.matcher(id).matches());
    }
    assertThat(RecordIds.isWellFormed(null)).isFalse();
    assertThat(ids.stream().filter(RecordIds::isWellFormed)).hasSizeGreaterThan(1_000);
  }

  @Test
  void storedAccessParsesOnlyItsOwnSpelling() {
    assertThat(Access.parse("public")).contains(Access.PUBLIC);
    assertThat(Access.parse("restricted")).contains(Access.RESTRICTED);
    for (String other : new String[] {null, "", "PUBLIC", "Public", "public ", "private", "restricte"}) {
      assertThat(Access.parse(other)).as(String.valueOf(other)).isEqualTo(Optional.empty());
    }
  }
}
