package org.strongroom.plugins;

import java.util.function.Function;

/**
 * A page at {@code /plugins/{plugin name}/{path}} ({@code path} empty for the plugin's index).
 * The text is shown inside the server's page layout, escaped: a plugin page cannot inject
 * markup or script.
 *
 * @param path   empty, or lower-case letters, digits and hyphens
 * @param access who may see it; null means nobody (deny by default)
 */
public record PluginPage(String path, Access access, Function<Viewer, String> text) {

  /** Who may see a page. */
  public enum Access { ANYONE, USER, SUPERUSER }

  /** Who is looking: the signed-in user's e-mail (null when anonymous) and whether a superuser. */
  public record Viewer(String email, boolean superuser) {}
}
