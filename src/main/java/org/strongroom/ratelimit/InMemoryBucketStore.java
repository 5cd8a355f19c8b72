package org.strongroom.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;

/**
 * Buckets in this process, in a table of at most {@code maxKeys} entries. Bucket4j keeps no
 * table of its own, and a plain map would let a flood of distinct addresses (an IPv6 range,
 * or forged addresses through a misconfigured proxy) grow the heap without limit. An
 * access-ordered {@link LinkedHashMap} with a cap drops the least recently seen caller
 * first: a client that keeps sending stays at the recent end, so its count is not lost,
 * while one-off addresses of a flood push each other out. Dropping an idle bucket only
 * forgets a count that had mostly refilled anyway. One lock around the table is enough:
 * each operation is a hash lookup and a link update, far cheaper than the request around it.
 */
final class InMemoryBucketStore implements BucketStore {

  private record Entry(Bucket bucket, Limits limits) {}

  private final int maxKeys;
  private final Map<String, Entry> buckets;

  InMemoryBucketStore(int maxKeys) {
    this.maxKeys = maxKeys;
    this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > InMemoryBucketStore.this.maxKeys;
      }
    };
  }

  @Override
  public Bucket bucket(String key, Limits limits) {
    synchronized (buckets) {
      Entry entry = buckets.get(key);
      if (entry == null) {
        entry = new Entry(newBucket(limits), limits);
        buckets.put(key, entry);
      } else if (entry.limits().version() != limits.version()) {
        entry.bucket().replaceConfiguration(limits.configuration(), TokensInheritanceStrategy.ADDITIVE);
        entry = new Entry(entry.bucket(), limits);
        buckets.put(key, entry);
      }
      return entry.bucket();
    }
  }

  private static Bucket newBucket(Limits limits) {
    var builder = Bucket.builder();
    for (var bandwidth : limits.configuration().getBandwidths()) {
      builder.addLimit(bandwidth);
    }
    return builder.build();
  }

  @Override
  public boolean remote() {
    return false;
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
