package org.strongroom.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.strongroom.core.AuditEvent;
import org.strongroom.instance.InstanceProperties;

/**
 * The plugins of this instance, loaded once every bean exists (so that loading and refusals
 * reach the audit log). A refused jar stops the start: the exception is one line naming it.
 */
@org.springframework.modulith.NamedInterface("hooks")
@Component
public class Plugins implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(Plugins.class);

  private final PluginsProperties properties;
  private final Path folder;
  private final ApplicationEventPublisher events;
  private volatile List<LoadedPlugin> loaded;
  /** Audit entries published while loading reach listeners that ask for the plugins again. */
  private boolean loading;

  Plugins(PluginsProperties properties, InstanceProperties instance, ApplicationEventPublisher events) {
    this.properties = properties;
    this.folder = instance.layout().plugins();
    this.events = events;
  }

  @Override
  public void afterSingletonsInstantiated() {
    loaded();
  }

  /** The started plugins; loads them on first use. */
  public synchronized List<LoadedPlugin> loaded() {
    if (loaded == null) {
      if (loading) {
        return List.of();
      }
      loading = true;
      try {
        loaded = load();
      } finally {
        loading = false;
      }
    }
    return loaded;
  }

  public boolean enabled() {
    return properties.enabled();
  }

  public Path folder() {
    return folder;
  }

  /** Jars the folder holds while plugins are off: none of them is loaded. */
  public List<Path> ignoredJars() {
    return properties.enabled() ? List.of() : PluginJars.list(folder);
  }

  /** Every plugin's messages about a record's metadata; empty when all accept it. */
  public List<String> validateMetadata(Map<String, Object> metadata) {
    List<String> messages = new ArrayList<>();
    for (LoadedPlugin plugin : loaded()) {
      List<String> found = plugin.plugin().validateMetadata(Map.copyOf(metadata));
      if (found != null) {
        found.forEach(message -> messages.add(message + " (plugin " + plugin.name() + ")"));
      }
    }
    return messages;
  }

  /** The page at {@code /plugins/{name}/{path}}, if a plugin declares it. */
  public Optional<PluginPage> page(String name, String path) {
    return loaded().stream().filter(p -> p.name().equals(name))
        .flatMap(p -> Optional.ofNullable(p.plugin().pages()).orElse(List.of()).stream())
        .filter(page -> path.equals(page.path())).findFirst();
  }

  private List<LoadedPlugin> load() {
    if (!properties.enabled()) {
      List<Path> ignored = PluginJars.list(folder);
      if (!ignored.isEmpty()) {
        log.info("Plugins are off (strongroom.plugins.enabled): {} jar(s) in {} not loaded", ignored.size(), folder);
      }
      return List.of();
    }
    List<Path> jars = PluginJars.list(folder);
    if (jars.isEmpty()) {
      return List.of();
    }
    PluginJars.checkFolder(folder);
    Path copies = PluginJars.privateFolder();
    List<LoadedPlugin> plugins = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path jar : jars) {
      try {
        byte[] bytes = PluginJars.read(jar);
        String sha256 = PluginJars.verify(jar, properties, bytes);
        for (StrongroomPlugin plugin : PluginJars.load(jar, bytes, copies)) {
          if (!names.add(plugin.name())) {
            throw new PluginRefusedException("plugin jar " + jar + " declares the plugin name \"" + plugin.name()
                + "\", which another jar already uses");
          }
          LoadedPlugin entry = new LoadedPlugin(jar, sha256, plugin.name(), plugin.version(), plugin);
          plugins.add(entry);
          log.info("Loaded plugin {} {} from {} (SHA-256 {})", entry.name(), entry.version(), jar, sha256);
          events.publishEvent(new AuditEvent("plugin.load", null, null, "plugin:" + entry.name(), "success",
              Map.of("file", jar.getFileName().toString(), "sha256", sha256, "version", entry.version())));
        }
      } catch (PluginRefusedException refused) {
        events.publishEvent(new AuditEvent("plugin.refused", null, null, "plugin-jar:" + jar.getFileName(),
            "failure", Map.of("file", jar.getFileName().toString(), "reason", refused.getMessage())));
        throw refused;
      }
    }
    return List.copyOf(plugins);
  }
}
