/**
 * The {@code users} table ({@code UserStore}), read and written by the rest of accounts. Internal:
 * other features go through {@link org.strongroom.accounts.Accounts}.
 */
package org.strongroom.accounts.users;
