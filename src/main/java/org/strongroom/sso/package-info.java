/**
 * Single sign-on (SPEC §14): OpenID Connect providers through Spring Security's OAuth2
 * client, and an LDAP directory through Spring Security LDAP. Accounts are linked to a
 * provider's {@code (issuer, subject)} (a directory's URL and entry DN), never to an e-mail
 * address alone. A link is made by the account's owner (in sudo mode, after a sign-in at the
 * provider or with the directory password) or by a superuser from {@code /admin/users/{id}/sso}.
 * Accounts without a password confirm sudo mode by signing in again at a linked provider or
 * with the directory password. Signing in goes through {@code accounts.ExternalSignIn}. The API:
 * {@link org.strongroom.sso.SsoSecurity} (what the page chain applies),
 * {@link org.strongroom.sso.SsoSecrets} (sealing a client secret),
 * {@link org.strongroom.sso.SsoPages} (what the templates in {@code templates/sso/} show) and
 * {@link org.strongroom.sso.SsoProperties}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "accounts :: api",
    "accounts :: external-sign-in",
    "instance :: deploy-checks",
    "instance :: setup",
    "secrets :: sealing"})
package org.strongroom.sso;
