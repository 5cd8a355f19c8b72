package org.strongroom.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.strongroom.files.StorageCredentials;
import org.strongroom.instance.InstanceEnvironmentPostProcessor;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretsProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Reads an S3 secret access key from stdin and prints it sealed under the instance secret key,
 * for {@code strongroom.storage.s3.secret-access-key-sealed}. Starts no application: the
 * storage settings may still be incomplete while the operator prepares them.
 */
@Command(name = "seal-secret", mixinStandardHelpOptions = true,
    description = "Read the S3 secret access key from stdin; print the value for "
        + "strongroom.storage.s3.secret-access-key-sealed.")
class StorageSealSecretCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Override
  public Integer call() throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("command line",
        Map.of("strongroom.instance", instance.existing().root().toString())));
    new InstanceEnvironmentPostProcessor().postProcessEnvironment(environment, null);
    SecretsProperties keys = Binder.get(environment).bind("strongroom", SecretsProperties.class)
        .orElseThrow(() -> new IllegalStateException("the instance has no secret key"));
    String secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (secret == null || secret.isBlank()) {
      System.err.println("No secret on stdin; pipe it in, e.g. 'strongroom storage seal-secret < s3-secret.txt'");
      return 2;
    }
    SecretBox box = new SecretBox(new SecretKeyRing(keys));
    System.out.println(StorageCredentials.sealS3Secret(box, secret.strip().getBytes(StandardCharsets.UTF_8)));
    return 0;
  }
}
