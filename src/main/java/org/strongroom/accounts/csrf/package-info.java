/**
 * CSRF protection: signed tokens bound to the session, and the {@code Origin} /
 * {@code Sec-Fetch-Site} check behind them; all three types are in {@code accounts :: security}, for
 * the chains {@code web/SecurityConfiguration} builds.
 */
package org.strongroom.accounts.csrf;
