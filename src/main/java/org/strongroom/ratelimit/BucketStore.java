package org.strongroom.ratelimit;

import io.github.bucket4j.Bucket;

/** Where the buckets live: in this process, or in Redis shared by every instance. */
interface BucketStore {

  /**
   * The bucket for a key (e.g. {@code anonymous:203.0.113.7}), created with the given
   * configuration, or moved to it when the configuration changed (a per-user override).
   */
  Bucket bucket(String key, Limits limits);

  /** Whether a failure of this store is a backend outage (Redis) rather than a bug. */
  boolean remote();
}
