package org.strongroom.accounts;

/**
 * A second factor other than TOTP that another feature keeps (passkeys): a user enrolled in
 * one is asked for a second step after the password, as with TOTP.
 */
@org.springframework.modulith.NamedInterface("external-sign-in")
public interface SecondFactorEnrolments {

  /** Whether the user has at least one such factor. */
  boolean enrolled(long userId);
}
