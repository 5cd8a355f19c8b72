package org.strongroom.instance;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The HTTPS certificate, {@code strongroom.tls.*}. Both files are reloaded when they change on
 * disk, without a restart; a relative path is inside the instance folder.
 *
 * @param certificate the PEM certificate chain (default {@code tls/cert.pem} in the instance
 *                    folder, self-signed, written by {@code setup})
 * @param privateKey  the PEM private key (default {@code tls/key.pem} in the instance folder)
 */
@ConfigurationProperties(prefix = "strongroom.tls")
public record TlsProperties(Path certificate, Path privateKey) {}
