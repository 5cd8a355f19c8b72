package org.strongroom.backup;

import java.nio.file.Path;

/** A backup folder that is incomplete or altered: names the first bad file and what is wrong. */
public class BackupDamaged extends RuntimeException {

  private final transient Path file;

  BackupDamaged(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
