/** Small types shared by every feature: the caller, scopes, client-facing errors. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN, allowedDependencies = {})
package org.strongroom.core;
