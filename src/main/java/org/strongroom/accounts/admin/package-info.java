/**
 * The superusers' user administration page, {@code /admin/users}. Internal.
 */
package org.strongroom.accounts.admin;
