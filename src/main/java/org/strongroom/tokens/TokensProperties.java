package org.strongroom.tokens;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Personal access token settings, {@code strongroom.tokens.*}.
 *
 * @param allowNonExpiring whether a token may be made that never expires
 *                         ({@code tokens create --expires never}); otherwise every token expires
 */
@ConfigurationProperties(prefix = "strongroom.tokens")
public record TokensProperties(@DefaultValue("false") boolean allowNonExpiring) {}
