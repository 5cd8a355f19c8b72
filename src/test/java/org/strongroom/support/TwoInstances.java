package org.strongroom.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.StrongroomApplication;
import org.strongroom.accounts.Accounts;
import org.strongroom.tokens.OperatorTokens;

/**
 * Two servers of one deployment in this JVM: one database (a named in-memory H2 both open, or
 * the one an argument {@code --strongroom.database.url=…} names),
 * one Redis under a key namespace of their own, each on its own HTTPS port. Close it after the
 * class.
 */
public final class TwoInstances implements AutoCloseable {

  public final ConfigurableApplicationContext a;
  public final ConfigurableApplicationContext b;
  public final String namespace = "test-cluster-" + UUID.randomUUID().toString().substring(0, 8);

  private final Class<?>[] extraSources;

  public TwoInstances(String... extraArguments) {
    this(new Class<?>[0], extraArguments);
  }

  /** With more configuration in each server, such as {@link MutableClock.Configuration}. */
  public TwoInstances(Class<?>[] extraSources, String... extraArguments) {
    TestInstance.ensure();
    this.extraSources = extraSources;
    String database = "jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    a = start(database, extraArguments);
    b = start(database, extraArguments);
  }

  public ApiClient apiA() {
    return new ApiClient(a.getEnvironment());
  }

  public ApiClient apiB() {
    return new ApiClient(b.getEnvironment());
  }

  public TestUsers users() {
    return new TestUsers(a.getBean(Accounts.class), a.getBean(OperatorTokens.class));
  }

  private ConfigurableApplicationContext start(String database, String... extraArguments) {
    List<String> arguments = new ArrayList<>(List.of("--strongroom.instance=" + TestInstance.FOLDER,
        "--server.port=0", "--logging.file.name=",
        "--strongroom.redis.url=" + RequiresRedis.URL, "--strongroom.redis.namespace=" + namespace));
    // A database of the caller's (PostgreSQL) replaces the in-memory one: an argument given twice would be both.
    if (Arrays.stream(extraArguments).noneMatch(argument -> argument.startsWith("--strongroom.database.url="))) {
      arguments.add("--strongroom.database.url=" + database);
    }
    arguments.addAll(List.of(extraArguments));
    return new SpringApplicationBuilder(StrongroomApplication.class).sources(extraSources)
        .web(WebApplicationType.SERVLET)
        .run(arguments.toArray(String[]::new));
  }

  @Override
  public void close() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  /**
   * One browser whose requests a round-robin proxy sends to either server: the same cookies
   * (session, CSRF) go to whichever it asks.
   */
  public static final class Browser {
    private final SessionClient onA;
    private final SessionClient onB;
    private SessionClient last;

    public Browser(TwoInstances servers) {
      onA = new SessionClient(servers.apiA());
      onB = new SessionClient(servers.apiB());
      last = onA;
    }

    public SessionClient a() {
      return move(onA);
    }

    public SessionClient b() {
      return move(onB);
    }

    private SessionClient move(SessionClient next) {
      if (next != last) {
        for (String cookie : List.of(SessionClient.SESSION_COOKIE, SessionClient.CSRF_COOKIE)) {
          next.setCookie(cookie, last.cookie(cookie));
        }
        last = next;
      }
      return next;
    }
  }

  private static final Pattern TOTP_SEED = Pattern.compile("<code class=\"seed\">([A-Z2-7]+)</code>");

  /** Turns TOTP on for {@code user} through instance A's pages; returns the seed. Uses the current time step. */
  public String enrolTotp(TestUsers.User user) {
    SessionClient browser = new SessionClient(apiA());
    browser.login(user.email(), TestUsers.PASSWORD);
    browser.submit("/account/security/totp/start", Map.of());
    Matcher matcher = TOTP_SEED.matcher(browser.get("/account/security").body());
    assertThat(matcher.find()).isTrue();
    String seed = matcher.group(1);
    assertThat(browser.submit("/account/security/totp/confirm", Map.of("code", totpCode(seed, 0))).statusCode())
        .isEqualTo(200);
    return seed;
  }

  /** The TOTP code of {@code seed} for the current time step moved by {@code offset} steps. */
  public static String totpCode(String seed, int offset) {
    try {
      return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6)
          .generate(seed, Instant.now().getEpochSecond() / 30 + offset);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
