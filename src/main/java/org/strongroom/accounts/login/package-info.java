/**
 * The password login form: its pages, the answers to its outcomes ({@code LoginHandlers}, which the
 * page chain takes through {@code accounts.AccountSecurity}), the password step, and the audit events
 * of every sign-in. Internal.
 */
package org.strongroom.accounts.login;
