/**
 * What signed-in users see of their own account: the profile, {@code /account/security} (password,
 * two-factor, sessions) and {@code /api/me}; and the superusers' start page, {@code /admin}. Internal.
 */
package org.strongroom.accounts.self;
