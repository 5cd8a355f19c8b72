package org.strongroom;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** No feature reaches into another's internals, and there are no cycles between features. */
class ModularityTests {

  static final ApplicationModules MODULES = ApplicationModules.of(StrongroomApplication.class);

  @Test
  void featuresKeepTheirBoundaries() {
    MODULES.verify();
  }

  @Test
  void writesModuleDocumentation() {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
        .writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
  }
}
