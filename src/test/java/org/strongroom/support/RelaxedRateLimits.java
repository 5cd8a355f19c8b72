package org.strongroom.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * Raises the general request rate limits (SPEC §5) far above what a test sends, for test
 * classes that attack something else from one client address — the login lockout, CSRF,
 * sessions — so that a 429 they see comes from the control under test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
    "strongroom.rate-limits.login=100000/1m",
    "strongroom.rate-limits.anonymous=100000/1m",
    "strongroom.rate-limits.authenticated=100000/1m"})
public @interface RelaxedRateLimits {}
