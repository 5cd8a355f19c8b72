package org.strongroom.support;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the test class against PostgreSQL at 127.0.0.1:5432. Where PostgreSQL is not running
 * the class is skipped, unless {@code STRONGROOM_REQUIRE_SERVICES=1} (as in CI): then it fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

  String URL_PREFIX = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=";

  class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return Services.reachable("PostgreSQL", "127.0.0.1", 5432);
    }
  }

  final class Services {
    private Services() {}

    public static ConditionEvaluationResult reachable(String name, String host, int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1000);
        return ConditionEvaluationResult.enabled(name + " is running");
      } catch (IOException e) {
        if ("1".equals(System.getenv("STRONGROOM_REQUIRE_SERVICES"))) {
          throw new IllegalStateException(name + " is not reachable at " + host + ":" + port
              + " and STRONGROOM_REQUIRE_SERVICES=1");
        }
        return ConditionEvaluationResult.disabled(name + " is not running at " + host + ":" + port);
      }
    }
  }
}
