package org.strongroom.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InvalidConfiguration;
import org.strongroom.sso.SsoSecrets;

/**
 * The demo's OpenID Connect provider for {@code demo --with-sso}: one that answers on
 * {@code http://127.0.0.1:<sso-port>/demo}. Strongroom's jar does not contain one.
 * {@code ./strongroom demo --with-sso} starts mock-oauth2-server there (a test library, run by
 * the Maven wrapper from the build's local repository) before the demo; anything else that
 * publishes that issuer works too.
 */
final class DemoSsoProvider {

  static final String NAME = "demo";
  static final String DISPLAY_NAME = "Demo provider (mock-oauth2-server)";
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final URI issuer;

  private DemoSsoProvider(URI issuer) {
    this.issuer = issuer;
  }

  /** The provider on {@code port}, once its discovery document answers (a few seconds' grace). */
  static DemoSsoProvider find(int port) throws InterruptedException {
    if (port < 1 || port > 65535) {
      throw new InvalidConfiguration("--sso-port must be between 1 and 65535");
    }
    URI issuer = URI.create("http://127.0.0.1:" + port + "/" + NAME);
    URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      try {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(2)).GET()
            .build(), HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return new DemoSsoProvider(issuer);
        }
      } catch (IOException notYet) {
        // not listening (yet)
      }
      if (Instant.now().isAfter(deadline)) {
        throw new InvalidConfiguration("--with-sso: no OpenID Connect provider answers at " + discovery
            + "; './strongroom demo --with-sso' starts one (mock-oauth2-server, from the build's local Maven "
            + "repository), or start one there yourself");
      }
      Thread.sleep(200);
    }
  }

  URI issuer() {
    return issuer;
  }

  /**
   * The provider's settings, as command-line options: they outrank the instance's file and are
   * not written to it. The client secret is sealed as an operator's would be (the demo
   * provider accepts any). Accounts are made at the first sign-in for verified addresses at
   * example.org, and a {@code groups} claim holding {@code strongroom-admins} makes a superuser.
   */
  List<String> settings(InstanceLayout layout) {
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String sealed = SsoSecrets.seal(SecretSealing.secretBox(layout.root()),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    String key = "--strongroom.sso.oidc." + NAME + ".";
    return List.of(key + "issuer-uri=" + issuer, key + "client-id=strongroom-demo",
        key + "client-secret-sealed=" + sealed, key + "display-name=" + DISPLAY_NAME,
        key + "create-users=true", key + "allowed-email-domains=example.org",
        key + "superuser-claim=groups", key + "superuser-value=strongroom-admins");
  }
}
