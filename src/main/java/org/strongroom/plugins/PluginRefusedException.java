package org.strongroom.plugins;

/** A plugin jar that stops the start: the message is one line naming the file. */
@org.springframework.modulith.NamedInterface("refusals")
public class PluginRefusedException extends RuntimeException {

  public PluginRefusedException(String message) {
    super(message);
  }
}
