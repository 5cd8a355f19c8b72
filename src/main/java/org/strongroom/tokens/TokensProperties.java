package org.strongroom.tokens;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code strongroom.tokens.allow-non-expiring} (default false): whether {@code --expires never} is accepted. */
@ConfigurationProperties(prefix = "strongroom.tokens")
public record TokensProperties(boolean allowNonExpiring) {}
