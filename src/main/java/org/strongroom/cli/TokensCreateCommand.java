package org.strongroom.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.core.Scope;
import org.strongroom.tokens.AccessTokens;
import org.strongroom.tokens.OperatorTokens;
import org.strongroom.tokens.TokenLifetimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a personal access token and print it (alone) on standard output. "
        + "It is shown only this once.")
class TokensCreateCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Option(names = {"-n", "--name"}, required = true, description = "A name for the token.")
  String name;

  @Option(names = {"-u", "--user"}, required = true, paramLabel = "EMAIL", description = "The token's owner.")
  String user;

  @Option(names = "--scopes", split = ",", paramLabel = "SCOPE",
      description = "Comma-separated scopes (default: all but admin): records:read, records:write, "
          + "files:read, files:write, user:read, admin.")
  List<String> scopes;

  @Option(names = "--expires", defaultValue = "365d", paramLabel = "DURATION",
      description = "Lifetime such as 90d, 12h or 30m, or 'never' where allowed (default: ${DEFAULT-VALUE}).")
  String expires;

  @Option(names = "--allow-ip", split = ",", paramLabel = "CIDR",
      description = "Address ranges the token may be used from (IPv4 or IPv6 CIDR); repeatable.")
  List<String> allowIp = new ArrayList<>();

  @Override
  public Integer call() {
    Set<Scope> chosen = parseScopes(scopes);
    InstanceOption existing = instance;
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(existing.existing())) {
      Duration lifetime = context.getBean(TokenLifetimes.class).parse(expires);
      AccessTokens.Created created = context.getBean(OperatorTokens.class)
          .create(user, name, chosen, lifetime, allowIp);
      System.out.println(created.token());
    }
    return 0;
  }

  static Set<Scope> parseScopes(List<String> names) {
    if (names == null || names.isEmpty()) {
      return Scope.defaults();
    }
    Set<Scope> chosen = EnumSet.noneOf(Scope.class);
    for (String name : names) {
      chosen.add(Scope.parse(name.strip()).orElseThrow(
          () -> new IllegalArgumentException("unknown scope '" + name + "'")));
    }
    return chosen;
  }
}
