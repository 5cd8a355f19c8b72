package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strongroom.support.Eventually;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code strongroom demo --with-sso} as a newcomer uses it: the demo provider that
 * {@code ./strongroom} starts (mock-oauth2-server with its sign-in form, on 127.0.0.1, configured
 * as the script configures it), the demo in a JVM of its own as the jar runs it, its button on
 * {@code /login}, and a sign-in typed into the provider's form that makes the newcomer's account.
 */
class DemoWithSsoIntegrationTests {

  /** What {@code ./strongroom} gives mock-oauth2-server (its JSON_CONFIG). */
  static final String PROVIDER_CONFIG = "{\"interactiveLogin\": true, \"httpServer\": \"NettyWrapper\"}";

  @TempDir
  Path temp;

  @Test
  void aNewcomerSignsInThroughTheDemoProvidersForm() throws Exception {
    int ssoPort = freePort();
    int port = freePort();
    MockOAuth2Server provider = new MockOAuth2Server(OAuth2Config.Companion.fromJson(PROVIDER_CONFIG));
    provider.start(InetAddress.getByName("127.0.0.1"), ssoPort);
    Path instance = temp.resolve("instance");
    Process demo = startDemo(instance, port, ssoPort);
    StringBuffer output = new StringBuffer();
    Thread reader = new Thread(() -> copy(demo.getInputStream(), output), "demo-output");
    reader.setDaemon(true);
    reader.start();
    try {
      Eventually.until(Duration.ofMinutes(4), "the demo to serve", () -> {
        assertThat(demo.isAlive()).as(output.toString()).isTrue();
        return output.toString().contains("Strongroom demo is serving");
      });
      assertThat(output.toString()).contains("Single sign-on: press 'Demo provider (mock-oauth2-server)'")
          .contains("http://127.0.0.1:" + ssoPort + "/demo");
      String base = "https://localhost:" + port;
      HttpClient browser = HttpClient.newBuilder().sslContext(trusting(instance.resolve("tls/cert.pem")))
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

      HttpResponse<String> login = get(browser, base + "/login");
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.body()).contains("Demo provider (mock-oauth2-server)").contains("/oauth2/authorization/demo")
          .doesNotContain("(unavailable)");

      HttpResponse<String> start = get(browser, base + "/oauth2/authorization/demo");
      assertThat(start.statusCode()).isEqualTo(302);
      URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
      assertThat(authorize.toString()).startsWith("http://127.0.0.1:" + ssoPort + "/demo/authorize?")
          .contains("code_challenge_method=S256").contains("nonce=");
      HttpResponse<String> form = get(browser, authorize.toString());
      assertThat(form.statusCode()).isEqualTo(200);
      assertThat(form.body()).contains("name=\"username\"").contains("name=\"claims\"");

      // What the command's hint tells the newcomer to type into the form.
      HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(authorize)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("username=newcomer&claims=" + URLEncoder.encode(
              "{\"email\": \"newcomer@example.org\", \"email_verified\": true}", StandardCharsets.UTF_8)))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(signedIn.statusCode()).isEqualTo(302);
      String callback = signedIn.headers().firstValue("Location").orElseThrow();
      assertThat(callback).startsWith(base + "/login/oauth2/code/demo?");
      HttpResponse<String> back = get(browser, callback);
      assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
      assertThat(back.headers().firstValue("Location").orElseThrow()).isIn("/", base + "/");

      HttpResponse<String> me = get(browser, base + "/api/me");
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(JsonMapper.builder().build().readTree(me.body()).get("email").asString())
          .isEqualTo("newcomer@example.org");
    } finally {
      demo.destroy();
      demo.waitFor();
      provider.shutdown();
      reader.join(10_000);
    }
  }

  @Test
  void withoutAProviderTheDemoSaysHowToStartOneAndServesNothing() throws Exception {
    int ssoPort = freePort();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      picocli.CommandLine cli = StrongroomCli.commandLine();
      cli.setErr(new PrintWriter(System.err, true));
      exit = cli.execute("demo", "--with-sso", "--sso-port", Integer.toString(ssoPort), "--instance",
          temp.resolve("instance").toString(), "--port", Integer.toString(freePort()));
    } finally {
      System.setErr(originalErr);
    }
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).isEqualTo(2);
    assertThat(message.lines()).singleElement().asString()
        .isEqualTo("strongroom: --with-sso: no OpenID Connect provider answers at http://127.0.0.1:" + ssoPort
            + "/demo/.well-known/openid-configuration; './strongroom demo --with-sso' starts one (mock-oauth2-server, "
            + "from the build's local Maven repository), or start one there yourself");
    assertThat(temp.resolve("instance")).doesNotExist();
  }

  private Process startDemo(Path instance, int port, int ssoPort) throws IOException {
    // The application's classes and the libraries, as the jar has them (not the tests' classes).
    String classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path")).split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
    ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx384m",
        "-XX:TieredStopAtLevel=1", StrongroomCli.class.getName(), "demo", "--with-sso", "--instance",
        instance.toString(), "--port", Integer.toString(port), "--sso-port", Integer.toString(ssoPort));
    builder.environment().put("CLASSPATH", classpath);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    return builder.redirectErrorStream(true).start();
  }

  private static HttpResponse<String> get(HttpClient browser, String url) throws Exception {
    return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      store.setCertificateEntry("demo", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static void copy(InputStream in, StringBuffer into) {
    try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        into.append(line).append('\n');
      }
    } catch (IOException closed) {
      // the demo stopped
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
