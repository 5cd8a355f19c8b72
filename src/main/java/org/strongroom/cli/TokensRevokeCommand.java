package org.strongroom.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.tokens.OperatorTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id.")
class TokensRevokeCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Parameters(index = "0", paramLabel = "ID", description = "The token id, as shown by 'tokens list'.")
  String id;

  @Override
  public Integer call() {
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(instance.existing())) {
      boolean revoked = context.getBean(OperatorTokens.class).revoke(id);
      System.out.println(revoked ? "Revoked token " + id : "Token " + id + " was already revoked");
    }
    return 0;
  }
}
