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
 * Runs the test class only where Debian's {@code chromium} and {@code chromium-driver} are
 * installed; elsewhere it is skipped, unless {@code STRONGROOM_REQUIRE_SERVICES=1} (as in CI):
 * then it fails. Use {@link WebDrivers#chromium()} for the browser.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresChromium.Condition.class)
public @interface RequiresChromium {

  class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (WebDrivers.chromiumBinary() != null && WebDrivers.driverBinary() != null) {
        return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
      }
      if ("1".equals(System.getenv("STRONGROOM_REQUIRE_SERVICES"))) {
        throw new IllegalStateException("chromium or chromedriver is missing and STRONGROOM_REQUIRE_SERVICES=1; "
            + "install the Debian packages chromium and chromium-driver");
      }
      return ConditionEvaluationResult.disabled("chromium or chromedriver is not installed");
    }
  }
}
