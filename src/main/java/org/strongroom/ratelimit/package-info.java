/**
 * The rate limiter (buckets in memory or in Redis), its per-user overrides and its admin API.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "accounts :: api",
    "cluster"})
package org.strongroom.ratelimit;
