package org.strongroom.cli;

import org.strongroom.advisories.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code strongroom --version}: version, build time and commit. */
class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return BuildInfo.current().lines();
  }
}
