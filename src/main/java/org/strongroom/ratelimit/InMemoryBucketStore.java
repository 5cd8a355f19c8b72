package org.strongroom.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.VerboseResult;

/**
 * Bucket4j buckets in this process, in a {@link BucketTable} of at most {@code maxKeys}
 * entries (Bucket4j keeps no table of its own). Dropping an idle bucket only forgets a count
 * that had mostly refilled anyway.
 */
final class InMemoryBucketStore implements BucketStore {

  private final BucketTable buckets;

  InMemoryBucketStore(int maxKeys) {
    this.buckets = new BucketTable(maxKeys);
  }

  @Override
  public Probe take(String key, Limits limits) {
    VerboseResult<ConsumptionProbe> result = bucket(key, limits).asVerbose().tryConsumeAndReturnRemaining(1);
    ConsumptionProbe probe = result.getValue();
    return new Probe(probe.isConsumed(), probe.getNanosToWaitForRefill(),
        result.getDiagnostics().getAvailableTokensPerEachBandwidth());
  }

  @Override
  public Probe peek(String key, Limits limits) {
    VerboseResult<EstimationProbe> result = bucket(key, limits).asVerbose().estimateAbilityToConsume(1);
    EstimationProbe probe = result.getValue();
    return new Probe(probe.canBeConsumed(), probe.getNanosToWaitForRefill(),
        result.getDiagnostics().getAvailableTokensPerEachBandwidth());
  }

  Bucket bucket(String key, Limits limits) {
    return buckets.get(key, limits, InMemoryBucketStore::newBucket, (bucket, changed) -> {
      bucket.replaceConfiguration(changed.configuration(), TokensInheritanceStrategy.ADDITIVE);
      return bucket;
    });
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
    return buckets.size();
  }

  int maxKeys() {
    return buckets.maxKeys();
  }
}
