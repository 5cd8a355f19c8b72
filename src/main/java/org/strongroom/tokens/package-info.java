/**
 * Personal access tokens and the Bearer authentication filter.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "accounts :: api",
    "cluster"})
package org.strongroom.tokens;
