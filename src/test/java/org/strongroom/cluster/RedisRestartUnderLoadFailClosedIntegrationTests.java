package org.strongroom.cluster;

/** {@link RedisRestartUnderLoadContract} with rate limits that fail closed (503) while Redis is away. */
class RedisRestartUnderLoadFailClosedIntegrationTests extends RedisRestartUnderLoadContract {

  @Override
  String redisFailure() {
    return "fail-closed";
  }
}
