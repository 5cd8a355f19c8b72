/**
 * Single sign-on (SPEC §14): OpenID Connect providers through Spring Security's OAuth2
 * client. Accounts are linked to a provider's {@code (issuer, subject)}, never to an e-mail
 * address alone. The API: {@link org.strongroom.sso.SsoSecurity} (what the page chain
 * applies), {@link org.strongroom.sso.SsoSecrets} (sealing a client secret) and
 * {@link org.strongroom.sso.SsoProperties}.
 */
package org.strongroom.sso;
