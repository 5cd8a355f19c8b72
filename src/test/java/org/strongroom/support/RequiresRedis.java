package org.strongroom.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test class against Redis at 127.0.0.1:6379. Where Redis is not running the class
 * is skipped, unless {@code STRONGROOM_REQUIRE_SERVICES=1} (as in CI): then it fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRedis.Condition.class)
public @interface RequiresRedis {

  String HOST = "127.0.0.1";
  int PORT = 6379;
  String URL = "redis://" + HOST + ":" + PORT;

  class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return RequiresPostgres.Services.reachable("Redis", HOST, PORT);
    }
  }
}
