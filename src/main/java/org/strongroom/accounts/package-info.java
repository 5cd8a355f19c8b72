/**
 * Users, sessions, CSRF tokens, passwords, login throttling, two-factor, sudo mode, external sign-in
 * and the admin pages.
 *
 * <p>This package holds what other features use, through the named interfaces: {@code api}
 * ({@link Accounts}, {@link UserAccount}, {@link Sudo}, {@code annotations.RequiresSudo}) and
 * {@code external-sign-in} ({@link ExternalSignIn}, {@link SecondFactorEnrolments}) and {@code security}
 * ({@link AccountSecurity}, the one facade the security chains take their accounts parts from). Besides them
 * only the feature's settings ({@link AccountsProperties}), and the two types whose class names
 * are written into sessions, which other instances (and the next release, during a rolling
 * restart) must read back: {@link AccountUserDetails} and {@link SessionLogin} (its
 * {@code PendingSecondFactor}). The rest is in sub-packages by seam: {@code users},
 * {@code login}, {@code throttle}, {@code password}, {@code twofactor}, {@code session},
 * {@code csrf}, {@code sudo}, {@code admin}, {@code self}. Spring Modulith keeps them internal,
 * their filters and handlers included.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "cluster",
    "instance :: deploy-checks",
    "instance :: layout",
    "secrets :: sealing",
    "secrets :: key-ring"})
package org.strongroom.accounts;
