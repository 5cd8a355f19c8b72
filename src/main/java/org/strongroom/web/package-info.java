/**
 * The perimeter filters, the security chains, error handling, headers and TLS; request timing
 * and the guard that keeps the management server (health, metrics) on this machine.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "accounts :: security",
    "files",
    "instance :: deploy-checks",
    "passkeys :: security",
    "plugins :: pages",
    "ratelimit :: security",
    "sso :: security",
    "tokens :: security"})
package org.strongroom.web;
