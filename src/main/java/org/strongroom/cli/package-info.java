/**
 * The command line: one picocli class per command, thin, calling the features' APIs.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "accounts :: api",
    "advisories",
    "audit",
    "backup",
    "demo",
    "files",
    "instance :: deploy-checks",
    "instance :: layout",
    "instance :: setup",
    "plugins :: refusals",
    "secrets :: sealing",
    "secrets :: key-ring",
    "secrets :: key-management",
    "sso :: secrets",
    "tokens :: api",
    "tokens :: operator"})
package org.strongroom.cli;
