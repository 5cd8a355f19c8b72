/**
 * CSRF protection: signed tokens bound to the session, and the {@code Origin} /
 * {@code Sec-Fetch-Site} check behind them. Internal: the chains take both layers through
 * {@code accounts.AccountSecurity}.
 */
package org.strongroom.accounts.csrf;
