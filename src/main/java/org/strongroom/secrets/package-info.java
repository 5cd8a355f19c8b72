/**
 * The secret key ring (keys derived per purpose with HKDF), {@link org.strongroom.secrets.SecretBox}
 * for sealing values, sealed columns and the secret-key migration.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.strongroom.secrets;
