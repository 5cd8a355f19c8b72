package org.strongroom.accounts.session;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

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
 */
final class SessionRedisTemplate extends RedisTemplate<String, Object> {

  private static final Method ENTRIES;

  static {
    try {
      ENTRIES = BoundHashOperations.class.getMethod("entries");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
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
        return opsForHash().entries(key);
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
      try {
        return method.invoke(others, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
