package org.strongroom.cli;

import java.util.concurrent.Callable;

import org.strongroom.sso.SsoSecrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Reads an OpenID Connect client secret from stdin and prints it sealed under the instance
 * secret key, for {@code strongroom.sso.oidc.<name>.client-secret-sealed}.
 */
@Command(name = "seal-secret", mixinStandardHelpOptions = true,
    description = "Read an OpenID Connect client secret from stdin; print the value for "
        + "strongroom.sso.oidc.<name>.client-secret-sealed.")
class SsoSealSecretCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Override
  public Integer call() throws Exception {
    return SecretSealing.sealFromStdin(instance, "strongroom sso seal-secret < client-secret.txt", SsoSecrets::seal);
  }
}
