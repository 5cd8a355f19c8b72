/**
 * Passwords: Argon2id hashing (a few at once), the policy for a new password, and the confinement
 * of a user asked to choose a new one. Internal.
 */
package org.strongroom.accounts.password;
