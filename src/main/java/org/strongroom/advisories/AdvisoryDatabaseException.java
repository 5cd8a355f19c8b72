package org.strongroom.advisories;

/** An advisory database or SBOM that cannot be read: the message is one line naming the file. */
public class AdvisoryDatabaseException extends RuntimeException {

  public AdvisoryDatabaseException(String message) {
    super(message);
  }
}
