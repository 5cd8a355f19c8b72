package org.strongroom.accounts.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a handler method (or controller class): a caller signed in with a browser session must
 * have confirmed their password (and TOTP code) within the last
 * {@code strongroom.security.sudo.duration} (10 minutes). Pages redirect to
 * {@code /account/sudo}; the API answers 403 JSON. Token callers are not asked: a token is
 * the scripted path, and its {@code admin} scope is the equivalent gate.
 */
@Documented
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresSudo {}
