package org.strongroom.cli;

import java.nio.file.Path;

import org.strongroom.instance.InstanceLayout;
import picocli.CommandLine.Option;

/** {@code --instance DIR}, taken by every command. */
class InstanceOption {

  @Option(names = "--instance", paramLabel = "DIR", defaultValue = InstanceLayout.DEFAULT_FOLDER,
      description = "Instance folder (default: ${DEFAULT-VALUE}).")
  Path instance;

  InstanceLayout layout() {
    return new InstanceLayout(instance);
  }

  /** The layout of an instance that must already exist. */
  InstanceLayout existing() {
    InstanceLayout layout = layout();
    if (!layout.exists()) {
      throw new IllegalStateException("no instance at " + layout.root()
          + "; create one with 'strongroom setup --instance " + instance + "'");
    }
    return layout;
  }
}
