/**
 * Users, sessions, CSRF tokens, passwords, login throttling, two-factor, sudo mode, external sign-in
 * and the admin pages.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "cluster",
    "instance :: deploy-checks",
    "instance :: layout",
    "secrets :: sealing",
    "secrets :: key-ring"})
package org.strongroom.accounts;
