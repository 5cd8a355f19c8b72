package org.strongroom.accounts.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.strongroom.cluster.RedisOutageLog;
import org.strongroom.core.ApiException;

/**
 * {@link FailureCounters} in Redis, shared by every instance: each failure is counted once, in
 * one atomic script, with the same rules as {@link InMemoryFailureCounters}. Keys are
 * {@code <namespace>:login:<SHA-256 of account:… or address:…>}, so no e-mail address is kept
 * in Redis, and expire once they no longer matter.
 *
 * <p>While Redis cannot be reached, sign-in is refused with 503 ({@link #UNAVAILABLE}): counting
 * nothing would give an attacker unlimited guesses for as long as the outage lasts.
 */
class RedisFailureCounters implements FailureCounters {

  static final String UNAVAILABLE = "Signing in is unavailable for a moment; try again shortly";
  private static final Logger log = LoggerFactory.getLogger(RedisFailureCounters.class);

  /**
   * KEYS: the state hash, the failure times; ARGV: now, window, max failures, lockout, max
   * lockout (milliseconds), a unique member. Returns the end of the lockout started, else -1.
   */
  private static final RedisScript<Long> RECORD = RedisScript.of("""
      local now = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      local lockout = tonumber(ARGV[4])
      local maxLockout = tonumber(ARGV[5])
      local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '-1')
      local lockouts = tonumber(redis.call('HGET', KEYS[1], 'lockouts') or '0')
      if last >= 0 and last + maxLockout + window < now then
        lockouts = 0
      end
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
      redis.call('ZADD', KEYS[2], now, ARGV[6])
      local ends = -1
      if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
        redis.call('DEL', KEYS[2])
        lockouts = lockouts + 1
        local duration = lockout
        local i = 1
        while i < lockouts and duration < maxLockout do
          duration = duration * 2
          i = i + 1
        end
        if duration > maxLockout then
          duration = maxLockout
        end
        ends = now + duration
        redis.call('HSET', KEYS[1], 'until', ends)
      else
        redis.call('PEXPIRE', KEYS[2], window)
      end
      redis.call('HSET', KEYS[1], 'last', now, 'lockouts', lockouts)
      redis.call('PEXPIRE', KEYS[1], maxLockout + window)
      return ends
      """, Long.class);

  private final StringRedisTemplate redis;
  private final String prefix;
  private final RedisOutageLog outage;

  RedisFailureCounters(StringRedisTemplate redis, String namespace, RedisOutageLog outage) {
    this.redis = redis;
    this.outage = outage;
    this.prefix = namespace + ":login:";
  }

  @Override
  public Optional<Instant> lockedUntil(String key, Instant now) {
    Object until = call(() -> redis.opsForHash().get(state(key), "until"));
    if (until == null) {
      return Optional.empty();
    }
    Instant end = Instant.ofEpochMilli(Long.parseLong(until.toString()));
    return end.isAfter(now) ? Optional.of(end) : Optional.empty();
  }

  @Override
  public Optional<Instant> recordFailure(String key, Instant now, Policy policy) {
    Long ends = call(() -> redis.execute(RECORD, List.of(state(key), state(key) + ":failures"),
        Long.toString(now.toEpochMilli()), Long.toString(policy.window().toMillis()),
        Integer.toString(policy.maxFailures()), Long.toString(policy.lockout().toMillis()),
        Long.toString(policy.maxLockout().toMillis()), now.toEpochMilli() + ":" + UUID.randomUUID()));
    return ends == null || ends < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ends));
  }

  @Override
  public void reset(String key) {
    call(() -> redis.delete(List.of(state(key), state(key) + ":failures")));
  }

  private String state(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return prefix + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T call(java.util.function.Supplier<T> command) {
    try {
      return command.get();
    } catch (DataAccessException e) {
      if (RedisOutageLog.isUnreachable(e)) {
        outage.unreachable(e);
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE);
      }
      log.warn("Login throttle: Redis (strongroom.redis.url) cannot be reached, sign-in refused meanwhile: {}",
          e.getMessage());
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE);
    }
  }
}
