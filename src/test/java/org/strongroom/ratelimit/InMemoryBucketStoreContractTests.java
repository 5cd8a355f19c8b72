package org.strongroom.ratelimit;

class InMemoryBucketStoreContractTests extends BucketStoreContract {

  final InMemoryBucketStore store = new InMemoryBucketStore(1000);

  @Override
  BucketStore store() {
    return store;
  }
}
