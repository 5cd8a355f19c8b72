package org.strongroom.instance;

/**
 * An operator's configuration mistake: the message is one line naming the file or source, the
 * key and the fix. The command line prints it alone and exits 2.
 */
@org.springframework.modulith.NamedInterface("setup")
public class InvalidConfiguration extends RuntimeException {

  public InvalidConfiguration(String message) {
    super(message);
  }

  public InvalidConfiguration(String message, Throwable cause) {
    super(message, cause);
  }
}
