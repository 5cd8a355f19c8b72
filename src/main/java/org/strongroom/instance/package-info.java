/**
 * The instance folder ({@link org.strongroom.instance.InstanceLayout}), its setup, the configuration
 * it loads, deployment checks ({@link org.strongroom.instance.DeployCheck}) and production mode.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "secrets :: key-management"})
package org.strongroom.instance;
