/**
 * Demo users, a token and records, for {@code demo} and {@code demo-data}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "accounts :: api",
    "records :: import",
    "tokens :: api",
    "tokens :: operator"})
package org.strongroom.demo;
