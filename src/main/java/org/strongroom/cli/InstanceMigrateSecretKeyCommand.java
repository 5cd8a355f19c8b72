package org.strongroom.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.secrets.SecretKeyMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "migrate-secret-key", mixinStandardHelpOptions = true,
    description = "Re-encrypt every stored secret under the current secret key, in one transaction. "
        + "Secrets are opened with the old key (or a configured fallback). Safe to run twice; "
        + "refuses, changing nothing, when the old key opens none of the secrets to migrate.")
class InstanceMigrateSecretKeyCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Option(names = "--old-key", required = true, paramLabel = "OLD",
      description = "The previous secret key (as it was in secret.key or strongroom.secret-key).")
  String oldKey;

  @Override
  public Integer call() {
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(instance.existing())) {
      SecretKeyMigration.Result result = context.getBean(SecretKeyMigration.class).migrate(oldKey);
      for (SecretKeyMigration.ColumnResult column : result.columns()) {
        System.out.printf("%s: %d re-encrypted, %d already under the current key%n",
            column.column(), column.reencrypted(), column.alreadyCurrent());
      }
      System.out.printf("Re-encrypted %d secrets; %d were already under the current key.%n",
          result.reencrypted(), result.alreadyCurrent());
    }
    return 0;
  }
}
