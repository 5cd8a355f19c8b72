package org.strongroom.instance;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In production, runs the deployment check once every bean exists and before the web server
 * opens its port; any error stops the start, after printing every finding.
 */
@Component
@ConditionalOnWebApplication
class ProductionGate implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(ProductionGate.class);

  private final Environment environment;
  private final DeployChecks checks;

  ProductionGate(Environment environment, DeployChecks checks) {
    this.environment = environment;
    this.checks = checks;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!ProductionMode.isOn(environment)) {
      return;
    }
    List<Finding> findings = checks.run(true);
    for (Finding finding : findings) {
      System.err.println(finding.line());
      if (finding.isError()) {
        log.error("Deployment check: {}", finding.line());
      } else {
        log.warn("Deployment check: {}", finding.line());
      }
    }
    long errors = findings.stream().filter(Finding::isError).count();
    if (errors > 0) {
      throw new IllegalStateException("production mode: the deployment check found " + errors
          + " error(s), listed above; fix them (see docs/operations/deploy-checks.md) or start without production mode");
    }
  }
}
