/**
 * Personal access tokens, and the Bearer authentication the API chain takes through {@code TokenSecurity}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "accounts :: api",
    "cluster"})
package org.strongroom.tokens;
