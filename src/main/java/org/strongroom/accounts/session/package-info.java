/**
 * Sessions: the store (in memory, or Spring Session in Redis), the cookie, the index and list of a
 * user's sessions, and the check on every request that a session still holds. Internal: the chains
 * take the check through {@code accounts.AccountSecurity}.
 */
package org.strongroom.accounts.session;
