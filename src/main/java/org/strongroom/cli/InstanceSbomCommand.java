package org.strongroom.cli;

import java.util.concurrent.Callable;

import org.strongroom.advisories.Sbom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "sbom", mixinStandardHelpOptions = true,
    description = "Print the CycloneDX SBOM (JSON) that this build embeds: every library in the jar.")
class InstanceSbomCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Override
  public Integer call() {
    System.out.println(Sbom.ofThisBuild().json());
    return 0;
  }
}
