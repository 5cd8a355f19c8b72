/**
 * Demo users, a token and records, for {@code demo} and {@code demo-data}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "accounts :: api",
    "accounts :: system-callers",
    "records :: import",
    "tokens :: api"})
package org.strongroom.demo;
