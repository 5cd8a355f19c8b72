package org.strongroom.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.strongroom.instance.InstanceEnvironmentPostProcessor;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretsProperties;

/**
 * What the {@code seal-secret} commands share: one line read from stdin (never an argument),
 * sealed under the instance's secret key, printed. Starts no application, so that the
 * settings the secret belongs to may still be incomplete.
 */
final class SecretSealing {

  private SecretSealing() {}

  /** Exit code: 0 with the sealed value printed, 2 with a one-line message when stdin is empty. */
  static int sealFromStdin(InstanceOption instance, String example, BiFunction<SecretBox, String, String> seal)
      throws IOException {
    SecretBox box = secretBox(instance.existing().root());
    Optional<String> secret = Optional.ofNullable(new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8)).readLine()).map(String::strip).filter(s -> !s.isEmpty());
    if (secret.isEmpty()) {
      System.err.println("No secret on stdin; pipe it in, e.g. '" + example + "'");
      return 2;
    }
    System.out.println(seal.apply(box, secret.get()));
    return 0;
  }

  /** The instance's secret key (and earlier keys), as the server would read them. */
  static SecretBox secretBox(java.nio.file.Path instanceRoot) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("command line",
        Map.of("strongroom.instance", instanceRoot.toString())));
    new InstanceEnvironmentPostProcessor().postProcessEnvironment(environment, null);
    SecretsProperties keys = Binder.get(environment).bind("strongroom", SecretsProperties.class)
        .orElseThrow(() -> new IllegalStateException("the instance has no secret key"));
    return new SecretBox(new SecretKeyRing(keys));
  }
}
