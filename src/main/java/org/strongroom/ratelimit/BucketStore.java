package org.strongroom.ratelimit;

/** Where the buckets live: in this process, or in Redis shared by every instance. */
interface BucketStore {

  /**
   * Takes one request from the bucket of a key (e.g. {@code anonymous:203.0.113.7}), or
   * refuses it. The bucket is created with the given limits, or moved to them when they
   * changed (a per-user override), keeping what the caller has used.
   */
  Probe take(String key, Limits limits);

  /** Whether the bucket of a key would allow one request, without taking it. */
  Probe peek(String key, Limits limits);

  /** Whether a failure of this store is a backend outage (Redis) rather than a bug. */
  boolean remote();
}
