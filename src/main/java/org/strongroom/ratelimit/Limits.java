package org.strongroom.ratelimit;

import java.util.List;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

/**
 * The bands of one limit and the Bucket4j configuration made from them. Each band refills
 * greedily (COUNT tokens spread over PERIOD), so a client that used up a band gets one more
 * request every PERIOD/COUNT instead of a burst at a window edge.
 */
record Limits(List<Band> bands, BucketConfiguration configuration, long version) {

  static Limits parse(String key, String value) {
    return of(Band.parseList(key, value));
  }

  static Limits of(List<Band> bands) {
    var builder = BucketConfiguration.builder();
    for (Band band : bands) {
      builder.addLimit(Bandwidth.builder().capacity(band.count()).refillGreedy(band.count(), band.period()).build());
    }
    // A stable number for the same bands on every instance: when it changes, the Redis script
    // moves the caller's state to the new bands (token-bucket.lua).
    return new Limits(List.copyOf(bands), builder.build(), bands.toString().hashCode() & 0x7fffffffL);
  }

  /** As written in configuration, e.g. {@code 60/1m,1000/1h}. */
  String text() {
    return String.join(",", bands.stream().map(Band::toString).toList());
  }
}
