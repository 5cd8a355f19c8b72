package org.strongroom.accounts.session;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.strongroom.accounts.AccountUserDetails;

/**
 * The values of a session in Redis: written as Java serialization writes them, so that every
 * instance, of this version or an older one, reads every session (a rolling upgrade changes
 * nothing in Redis). Reading them back is what costs: every request reads its whole session,
 * and deserialising it (the security context alone is a graph of a dozen objects) took most
 * of the request thread's time spent on the session. The bytes of a session rarely change
 * between requests, so what given bytes decode to is kept in a small cache of fixed size,
 * looked up by the bytes themselves (compared in full, never by hash alone): the result is
 * exactly what deserialising them would give, and whoever writes into Redis gains nothing by
 * it that the {@link SessionDeserializer}'s filter does not already allow.
 *
 * <p>Only values that nobody can change are shared between requests: strings, numbers,
 * booleans, instants. A signed-in security context ({@link AccountUserDetails} with its
 * authorities) is cached too, but every read gets its own copy of the context and of its
 * authentication, because Spring Security changes those in place (signing out clears the
 * authentication). Anything else is deserialised on every read, as before.
 */
final class SessionValueSerializer implements RedisSerializer<Object> {

  /**
   * Slots of the cache (a value whose slot is taken replaces the one there): room for the values
   * of several hundred sessions in use at once, and at most 8 MiB of cached bytes, whatever
   * anyone sends.
   */
  static final int SLOTS = 4096;
  /** Larger values are not cached (a signed-in context is about 1 KB). */
  static final int MAX_CACHED_BYTES = 2048;

  private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Long.class, Integer.class, Boolean.class,
      Instant.class);
  private static final Set<Class<?>> IMMUTABLE_AUTHORITIES = Set.of(SimpleGrantedAuthority.class,
      FactorGrantedAuthority.class);

  private final RedisSerializer<Object> java;
  private final AtomicReferenceArray<Decoded> slots = new AtomicReferenceArray<>(SLOTS);

  private record Decoded(byte[] bytes, int hash, Object value) {}

  SessionValueSerializer(RedisSerializer<Object> java) {
    this.java = java;
  }

  /** Java serialization, read back through the {@link SessionDeserializer}'s filter. */
  static SessionValueSerializer forSessions(ClassLoader loader) {
    return new SessionValueSerializer(new JdkSerializationRedisSerializer(new SerializingConverter(),
        new DeserializingConverter(new SessionDeserializer(loader))));
  }

  @Override
  public byte[] serialize(Object value) {
    return java.serialize(value);
  }

  @Override
  public Object deserialize(byte[] bytes) {
    if (bytes == null || bytes.length == 0 || bytes.length > MAX_CACHED_BYTES) {
      return java.deserialize(bytes);
    }
    int hash = Arrays.hashCode(bytes);
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    Decoded cached = slots.get(slot);
    if (cached != null && cached.hash == hash && Arrays.equals(cached.bytes, bytes)) {
      return copy(cached.value);
    }
    Object value = java.deserialize(bytes);
    if (shareable(value)) {
      slots.set(slot, new Decoded(bytes.clone(), hash, value));
      return copy(value);
    }
    return value;
  }

  /** Whether {@link #copy} gives every reader a value of its own equal to this one. */
  static boolean shareable(Object value) {
    if (value == null) {
      return false;
    }
    if (IMMUTABLE.contains(value.getClass())) {
      return true;
    }
    return signedInContext(value) && copy(value).equals(value);
  }

  /** A security context holding a signed-in account, made only of values nobody can change. */
  private static boolean signedInContext(Object value) {
    if (value.getClass() != SecurityContextImpl.class) {
      return false;
    }
    Authentication authentication = ((SecurityContext) value).getAuthentication();
    return authentication != null && authentication.getClass() == UsernamePasswordAuthenticationToken.class
        && authentication.getPrincipal() instanceof AccountUserDetails && authentication.getCredentials() == null
        && (authentication.getDetails() == null || authentication.getDetails() instanceof String)
        && immutable(authentication.getAuthorities());
  }

  private static boolean immutable(Collection<? extends GrantedAuthority> authorities) {
    return authorities.stream().allMatch(authority -> IMMUTABLE_AUTHORITIES.contains(authority.getClass()));
  }

  /** The value itself when nobody can change it; otherwise a new context and authentication. */
  private static Object copy(Object value) {
    if (!(value instanceof SecurityContextImpl context)) {
      return value;
    }
    Authentication stored = context.getAuthentication();
    UsernamePasswordAuthenticationToken authentication = stored.isAuthenticated()
        ? UsernamePasswordAuthenticationToken.authenticated(stored.getPrincipal(), null, stored.getAuthorities())
        : UsernamePasswordAuthenticationToken.unauthenticated(stored.getPrincipal(), null);
    authentication.setDetails(stored.getDetails());
    return new SecurityContextImpl(authentication);
  }
}
