package org.strongroom.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.UserAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create", mixinStandardHelpOptions = true,
    description = "Create a user. The password is read from standard input (--password-stdin) "
        + "or asked for at the terminal; it is never a command-line argument.")
class UsersCreateCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Parameters(index = "0", paramLabel = "EMAIL", description = "The user's e-mail address.")
  String email;

  @Option(names = "--superuser", description = "Make the user a superuser.")
  boolean superuser;

  @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
  boolean passwordStdin;

  @Override
  public Integer call() throws IOException {
    String password = readPassword();
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(instance.existing())) {
      UserAccount user = context.getBean(Accounts.class).create(email, password, superuser);
      System.out.println("Created " + (user.superuser() ? "superuser " : "user ") + user.email()
          + " (id " + user.id() + ")");
    }
    return 0;
  }

  private String readPassword() throws IOException {
    if (passwordStdin) {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("no password on standard input");
      }
      return line;
    }
    Console console = System.console();
    if (console == null) {
      throw new IllegalArgumentException("no terminal to ask for a password; use --password-stdin");
    }
    char[] first = console.readPassword("Password for %s: ", email);
    char[] again = console.readPassword("Repeat the password: ");
    if (first == null || again == null || !Arrays.equals(first, again)) {
      throw new IllegalArgumentException("the passwords do not match");
    }
    return new String(first);
  }
}
