package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@code Range} headers against a file of some size. Input: the first line is the file size,
 * the rest the header. A partial answer lies within the file, and the range it reports
 * ({@code Content-Range}) asked again gives the same span; an unsatisfiable one is 416; anything
 * else is the whole file. Nothing is thrown.
 */
class ByteRangeFuzzTests {

  @FuzzTest(maxDuration = "30s")
  void rangeHeaders(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    long size = newline < 0 ? 1000 : parseSize(text.substring(0, newline));
    String header = newline < 0 ? text : text.substring(newline + 1);

    ByteRange range = ByteRange.of(header, size);

    switch (range.kind()) {
      case WHOLE -> assertThat(range.first()).isZero();
      case UNSATISFIABLE -> assertThat(header.strip()).startsWith("bytes=");
      case PARTIAL -> {
        assertThat(range.first()).isNotNegative().isLessThanOrEqualTo(range.last());
        assertThat(range.last()).isLessThan(size);
        String reported = range.contentRange(size);
        assertThat(reported).isEqualTo("bytes " + range.first() + "-" + range.last() + "/" + size);
        String again = "bytes=" + reported.substring(6, reported.indexOf('/'));
        assertThat(ByteRange.of(again, size)).isEqualTo(range);
      }
    }
  }

  /** A file size from the corpus: any digits, kept within what a file can be. */
  private static long parseSize(String digits) {
    long size = 0;
    for (char c : digits.toCharArray()) {
      if (c >= '0' && c <= '9' && size < Long.MAX_VALUE / 20) {
        size = size * 10 + (c - '0');
      }
    }
    return size;
  }
}
