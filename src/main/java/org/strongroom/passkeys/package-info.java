/**
 * Passkeys (SPEC §14): WebAuthn registration and sign-in through Spring Security's own
 * support ({@code http.webAuthn}), credentials in the database through its JDBC repositories.
 * A passkey signs in alone (it proves possession and user verification, so it counts as the
 * second factor) or completes a pending password login. Registration needs sudo mode. The
 * API: {@link org.strongroom.passkeys.PasskeySecurity} (what the page chain applies) and
 * {@link org.strongroom.passkeys.PasskeyDeployCheck}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "accounts :: api",
    "accounts :: external-sign-in",
    "instance :: deploy-checks"})
package org.strongroom.passkeys;
