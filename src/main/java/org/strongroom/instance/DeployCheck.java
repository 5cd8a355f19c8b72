package org.strongroom.instance;

import java.util.List;

/**
 * One family of deployment checks, run by {@code strongroom instance check [--deploy]} and at
 * start-up in production. Any feature adds its own checks by declaring a bean that implements
 * this interface; ids are {@code SR-Wnnn}, unique across features and documented in
 * {@code docs/operations/deploy-checks.md}.
 */
@org.springframework.modulith.NamedInterface("deploy-checks")
public interface DeployCheck {

  /**
   * The findings for this instance, or an empty list when all is well.
   *
   * @param deploy true for {@code --deploy} and in production: also report what is acceptable
   *               on a developer machine but not on a server (errors there stop a production start)
   */
  List<Finding> check(boolean deploy);
}
