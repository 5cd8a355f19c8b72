package org.strongroom.plugins;

import java.util.List;
import java.util.Map;

/**
 * What a plugin can do. Implement the methods you need; the others do nothing. Register the
 * class in {@code META-INF/services/org.strongroom.plugins.StrongroomPlugin} of the jar.
 *
 * <p>Every method runs in the server's process with its full rights. A listener that throws is
 * logged and audited ({@code plugin.listener.failure}); the write it was told about stays.
 */
public interface StrongroomPlugin {

  /** Lower-case letters, digits and hyphens: the plugin's pages live under {@code /plugins/{name}/}. */
  String name();

  /** Shown by {@code instance check --deploy} and in the audit log; default: the jar's Implementation-Version. */
  default String version() {
    String version = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
    return version == null ? "unversioned" : version;
  }

  /** Called once when the server (or a command) starts; throwing stops the start with one line. */
  default void start() {}

  /** After a record was created, updated or deleted and the change committed. */
  default void onRecordEvent(RecordEvent event) {}

  /** After a file was uploaded or deleted and the change committed. */
  default void onFileEvent(FileEvent event) {}

  /**
   * Extra checks on a record's metadata (already valid against the schema), before it is
   * written. Each message returned refuses the write with 400.
   */
  default List<String> validateMetadata(Map<String, Object> metadata) {
    return List.of();
  }

  /** Extra findings for {@code strongroom instance check --deploy}. */
  default List<PluginFinding> deployChecks() {
    return List.of();
  }

  /** Pages served under {@code /plugins/{name}/}; a page without an access rule is refused to everyone. */
  default List<PluginPage> pages() {
    return List.of();
  }
}
