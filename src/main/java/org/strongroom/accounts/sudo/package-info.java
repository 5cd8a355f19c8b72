/**
 * Sudo mode: the confirmation page, and the interceptor that asks for it on {@code /admin/**},
 * {@code /api/admin/**} and {@code @RequiresSudo} handlers. Internal: other features use
 * {@link org.strongroom.accounts.Sudo}.
 */
package org.strongroom.accounts.sudo;
