package org.strongroom.cluster;

/** {@link RedisRestartUnderLoadContract} with the default: rate limits fail open while Redis is away. */
class RedisRestartUnderLoadFailOpenIntegrationTests extends RedisRestartUnderLoadContract {

  @Override
  String redisFailure() {
    return "fail-open";
  }
}
