package org.strongroom.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.bucket4j.Bucket;

/**
 * At most {@code maxKeys} buckets by key. A plain map would let a flood of distinct addresses
 * (an IPv6 range, or forged addresses through a misconfigured proxy) grow the heap without
 * limit. An access-ordered {@link LinkedHashMap} with a cap drops the least recently seen
 * caller first: a client that keeps sending stays at the recent end, while one-off addresses
 * of a flood push each other out. One lock around the table is enough: each operation is a
 * hash lookup and a link update, far cheaper than the request around it.
 */
final class BucketTable {

  /** Moves an existing bucket to changed limits, or returns a new one that replaces it. */
  interface Reconfigure {
    Bucket apply(Bucket bucket, Limits limits);
  }

  private record Slot(Bucket bucket, long version) {}

  private final int maxKeys;
  private final Map<String, Slot> buckets;

  BucketTable(int maxKeys) {
    this.maxKeys = maxKeys;
    this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
        return size() > BucketTable.this.maxKeys;
      }
    };
  }

  Bucket get(String key, Limits limits, Function<Limits, Bucket> create, Reconfigure reconfigure) {
    synchronized (buckets) {
      Slot entry = buckets.get(key);
      if (entry == null) {
        entry = new Slot(create.apply(limits), limits.version());
        buckets.put(key, entry);
      } else if (entry.version() != limits.version()) {
        entry = new Slot(reconfigure.apply(entry.bucket(), limits), limits.version());
        buckets.put(key, entry);
      }
      return entry.bucket();
    }
  }

  int size() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  int maxKeys() {
    return maxKeys;
  }
}
