package org.strongroom.accounts.session;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.data.redis.core.BoundHashOperations;
import org.springframework.data.redis.core.RedisTemplate;

/**
 * The template the session repository works through. Spring Session reads a session with
 * {@code boundHashOps(key).entries()}, and Spring Data builds every bound operations object
 * as a Spring AOP proxy, anew for each key: in a profile of signed-in page views with their
 * sessions in Redis, making that proxy and calling through it weighed more than sending the
 * Redis command and waiting for it. Here {@code entries()} (the read of every request) goes
 * straight to the template's hash operations, through a plain JDK proxy; every other call
 * (the writes, rare) goes to Spring Data's own bound operations as before.
 *
 * <p>The read of a session's hash goes through this instance's {@link SessionNearCache}; every
 * write to a session's hash through this template (the fields, a rename, a delete) is announced
 * through {@link SessionChanges} once it is done, so that no instance keeps the old copy.
 */
final class SessionRedisTemplate extends RedisTemplate<String, Object> {

  /** Calls on a session's hash that do not change what it holds (its time to live is not read). */
  private static final Set<String> KEEPING = Set.of("entries", "get", "multiGet", "hasKey", "keys", "values",
      "size", "lengthOfValue", "randomKey", "randomEntry", "randomKeys", "randomEntries", "scan", "expire",
      "expireAt", "persist", "getExpire", "getKey", "getType", "getOperations");

  private static final Method ENTRIES;

  static {
    try {
      ENTRIES = BoundHashOperations.class.getMethod("entries");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SessionNearCache cache;
  private final SessionChanges changes;
  /** {@code <namespace>:session:sessions:}, followed by the id in a session hash's key. */
  private final String sessionKeyPrefix;

  SessionRedisTemplate(SessionNearCache cache, SessionChanges changes, String sessionKeyPrefix) {
    this.cache = cache;
    this.changes = changes;
    this.sessionKeyPrefix = sessionKeyPrefix;
  }

  @Override
  public void rename(String oldKey, String newKey) {
    try {
      super.rename(oldKey, newKey);
    } catch (RuntimeException e) {
      forgetHere(oldKey);
      forgetHere(newKey);
      throw e;
    }
    changed(oldKey);
    changed(newKey);
  }

  @Override
  public Boolean delete(String key) {
    try {
      Boolean deleted = super.delete(key);
      changed(key);
      return deleted;
    } catch (RuntimeException e) {
      forgetHere(key);
      throw e;
    }
  }

  @Override
  public Long delete(Collection<String> keys) {
    try {
      Long deleted = super.delete(keys);
      keys.forEach(this::changed);
      return deleted;
    } catch (RuntimeException e) {
      keys.forEach(this::forgetHere);
      throw e;
    }
  }

  /** The session id in a session hash's key; null for any other key (the expiry keys, the indexes). */
  String sessionId(String key) {
    if (!key.startsWith(sessionKeyPrefix) || key.indexOf(':', sessionKeyPrefix.length()) >= 0) {
      return null;
    }
    return key.substring(sessionKeyPrefix.length());
  }

  private void changed(String key) {
    String id = sessionId(key);
    if (id != null) {
      changes.changed(id);
    }
  }

  /**
   * A write that failed (Redis away or slow) may still have reached Redis: this instance drops its
   * copy, and announces nothing, since the message would fail too and log a line per request
   * during an outage. While Redis fails for everyone, no instance uses its copies (their
   * heartbeats do not come back); an instance that still reaches it keeps its copy at most
   * {@link SessionNearCache#MAX_AGE}.
   */
  private void forgetHere(String key) {
    String id = sessionId(key);
    if (id != null) {
      cache.forget(id);
    }
  }

  /** A session's hash, from this instance's copy when it may be used, decoded anew for every read. */
  private Map<Object, Object> sessionEntries(String key, String id) {
    byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
    Map<byte[], byte[]> fields = cache.read(id, () -> execute(connection -> connection.hashCommands().hGetAll(rawKey),
        true));
    if (fields == null || fields.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<Object, Object> decoded = new LinkedHashMap<>(fields.size() * 2);
    fields.forEach((field, value) -> decoded.put(getHashKeySerializer().deserialize(field),
        getHashValueSerializer().deserialize(value)));
    return decoded;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <HK, HV> BoundHashOperations<String, HK, HV> boundHashOps(String key) {
    return (BoundHashOperations<String, HK, HV>) Proxy.newProxyInstance(BoundHashOperations.class.getClassLoader(),
        new Class<?>[] {BoundHashOperations.class}, new ReadsEntriesDirectly(key));
  }

  private BoundHashOperations<String, Object, Object> springBoundHashOps(String key) {
    return super.boundHashOps(key);
  }

  private final class ReadsEntriesDirectly implements InvocationHandler {

    private final String key;
    private BoundHashOperations<String, Object, Object> others;

    ReadsEntriesDirectly(String key) {
      this.key = key;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.equals(ENTRIES)) {
        String id = sessionId(key);
        return id == null ? opsForHash().entries(key) : sessionEntries(key, id);
      }
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "BoundHashOperations[" + key + "]";
        };
      }
      if (others == null) {
        others = springBoundHashOps(key);
      }
      boolean writes = !KEEPING.contains(method.getName());
      Object result;
      try {
        result = method.invoke(others, args);
      } catch (InvocationTargetException e) {
        if (writes) {
          forgetHere(key);
        }
        throw e.getCause();
      }
      if (writes) {
        changed(key);
      }
      return result;
    }
  }
}
