/**
 * The perimeter filters, the security chains, error handling, headers and TLS.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "accounts :: security",
    "files",
    "instance :: deploy-checks",
    "passkeys",
    "plugins :: pages",
    "ratelimit",
    "sso",
    "tokens :: security"})
package org.strongroom.web;
