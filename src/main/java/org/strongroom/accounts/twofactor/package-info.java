/**
 * Two-factor sign-in: TOTP (seeds sealed), recovery codes, the second login step, and the deployment
 * check on superusers without a second factor. Internal.
 */
package org.strongroom.accounts.twofactor;
