/**
 * Plugins (docs/operations/plugins-and-templates.md): jars in {@code instance/plugins}, loaded
 * only when {@code strongroom.plugins.enabled=true} and each jar's SHA-256 is pinned in
 * {@code strongroom.plugins.allow}. A plugin runs with the server's full rights.
 *
 * <p>The API a plugin implements is {@link org.strongroom.plugins.StrongroomPlugin}, found with
 * {@link java.util.ServiceLoader} in the jar's own class loader
 * ({@code META-INF/services/org.strongroom.plugins.StrongroomPlugin}), with the types beside
 * it: {@link org.strongroom.plugins.RecordEvent}, {@link org.strongroom.plugins.FileEvent},
 * {@link org.strongroom.plugins.PluginFinding} and {@link org.strongroom.plugins.PluginPage}.
 * docs/operations/plugins-and-templates.md describes it, with an example under
 * {@code examples/plugin}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "instance :: deploy-checks",
    "instance :: layout"})
package org.strongroom.plugins;
