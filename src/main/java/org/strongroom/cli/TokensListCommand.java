package org.strongroom.cli;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.core.Scope;
import org.strongroom.tokens.OperatorTokens;
import org.strongroom.tokens.TokenInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List tokens (never their secrets).")
class TokensListCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Option(names = {"-u", "--user"}, paramLabel = "EMAIL", description = "Only this user's tokens.")
  String user;

  @Override
  public Integer call() {
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(instance.existing())) {
      var tokens = context.getBean(OperatorTokens.class).list(Optional.ofNullable(user));
      System.out.printf("%-12s  %-24s  %-24s  %-44s  %-20s  %-20s  %s%n",
          "ID", "NAME", "OWNER", "SCOPES", "EXPIRES", "LAST USED", "STATUS");
      for (TokenInfo token : tokens) {
        System.out.printf("%-12s  %-24s  %-24s  %-44s  %-20s  %-20s  %s%n", token.id(), token.name(),
            token.ownerEmail(), token.scopes().stream().map(Scope::value).sorted().collect(Collectors.joining(",")),
            time(token.expires(), "never"), time(token.lastUsed(), "-"),
            token.revoked() != null ? "revoked" : "active");
      }
    }
    return 0;
  }

  private static String time(Instant instant, String none) {
    return instant == null ? none : instant.toString().substring(0, 19) + "Z";
  }
}
