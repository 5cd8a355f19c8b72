package org.strongroom.cluster;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** For beans that exist only when {@code strongroom.redis.url} is set ({@link Absent}: only when it is not). */
public class RedisConfigured implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String url = context.getEnvironment().getProperty("strongroom.redis.url");
    return url != null && !url.isBlank();
  }

  public static class Absent implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !new RedisConfigured().matches(context, metadata);
    }
  }
}
