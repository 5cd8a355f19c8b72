package org.strongroom.plugins;

/**
 * One extra deployment finding, printed as {@code SR-W104 ERROR|WARNING plugin NAME: message — fix}.
 */
public record PluginFinding(boolean error, String message, String fix) {}
