package org.strongroom.plugins;

import java.nio.file.Path;

/** A plugin that passed every check and started. */
public record LoadedPlugin(Path jar, String sha256, String name, String version, StrongroomPlugin plugin) {}
