import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The revocation window between two instances (bench/revocation.sh runs it): signs in on
 * instance A, then REVOCATIONS times creates a token there (the applications page), has
 * instance B accept it once (so that B caches it), revokes it on A and asks B with it back to
 * back until B refuses it. Prints, over all revocations, how long B still answered after A had
 * confirmed the revocation: the upper bound (until B's refusal arrived) and the lower bound
 * (until the last request B still accepted was sent); and how many of B's acceptances came after.
 *
 * <p>Whether each refusal rests on the Redis pub/sub message or on B's token cache expiring
 * (its entries live 1 s): B counts the revocation messages it receives
 * ({@code strongroom_revocations_received_total{kind="token"}} on its management port), and counts
 * before it evicts. A refusal counts as the message's when the count had moved when the refusal
 * was read and the refused request was sent less than 1 s after the request that cached the
 * token, so that the entry could not have expired yet. Refusals that are not are listed apart,
 * and the verdict on the 100 ms goal uses the message's only.
 *
 * <p>With PUBSUB=off (bench/revocation.sh has then put B in a Redis namespace of its own, so that
 * no message reaches it) the run measures the fallback bound instead: B's message count must not
 * move, and the verdict is whether B accepted a revoked token later than its cache's 1 s after
 * the request that cached it had returned (the entry was loaded before that, so a later
 * acceptance breaks the bound whatever the response times).
 *
 * <p>Environment: SMOKE_PORT_A, SMOKE_PORT_B, SMOKE_CERT (the instances' certificate),
 * SMOKE_PASSWORD (alice@example.org's), SMOKE_MANAGEMENT_PORT_B; REVOCATIONS (default 1000),
 * PUBSUB ({@code on}, the default, or {@code off}). Run with {@code java bench/RevocationWindow.java}.
 */
public class RevocationWindow {

  static final String USER = "alice@example.org";
  static final String APPLICATIONS = "/account/settings/applications";
  static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\"[^>]*value=\"(sr_[A-Za-z0-9]+)\"");
  static final Pattern REVOKE = Pattern.compile("action=\"" + APPLICATIONS + "/([^/\"]+)/revoke\"");
  static final Duration GIVE_UP = Duration.ofSeconds(10);
  /** VerifiedTokenCache.TIME_TO_LIVE: no entry B cached expires sooner. */
  static final Duration CACHE_TTL = Duration.ofSeconds(1);
  static final Pattern RECEIVED = Pattern.compile("(?m)^strongroom_revocations_received_total\\{[^}]*kind=\"token\"[^}]*} ([0-9.eE+]+)");

  final HttpClient http;
  final String a;
  final String b;
  final URI metricsB;
  final Map<String, String> cookies = new LinkedHashMap<>();

  RevocationWindow(HttpClient http, String a, String b, URI metricsB) {
    this.http = http;
    this.a = a;
    this.b = b;
    this.metricsB = metricsB;
  }

  public static void main(String[] args) throws Exception {
    int revocations = Integer.parseInt(System.getenv().getOrDefault("REVOCATIONS", "1000"));
    boolean pubsub = !"off".equals(System.getenv().getOrDefault("PUBSUB", "on"));
    HttpClient http = HttpClient.newBuilder().sslContext(trusting(System.getenv("SMOKE_CERT")))
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    RevocationWindow bench = new RevocationWindow(http, "https://localhost:" + System.getenv("SMOKE_PORT_A"),
        "https://localhost:" + System.getenv("SMOKE_PORT_B"),
        URI.create("http://127.0.0.1:" + System.getenv("SMOKE_MANAGEMENT_PORT_B") + "/actuator/prometheus"));
    bench.signIn(System.getenv("SMOKE_PASSWORD"));
    double receivedAtStart = bench.receivedOnB();
    List<Long> cacheAges = new ArrayList<>();
    List<Long> upper = new ArrayList<>();
    List<Long> lower = new ArrayList<>();
    List<Long> upperByMessage = new ArrayList<>();
    List<Long> lowerByMessage = new ArrayList<>();
    int messageNotSeen = 0;
    int expiryPossible = 0;
    int acceptedAfter = 0;
    int refusedAtOnce = 0;
    long started = System.nanoTime();
    for (int i = 1; i <= revocations; i++) {
      String[] created = bench.createToken("bench-" + i);
      String token = created[0];
      String id = created[1];
      double receivedBefore = bench.receivedOnB();
      long cachedSent = System.nanoTime();
      int cached = bench.onB(token);
      long cachedReceived = System.nanoTime();
      if (cached != 200) {
        throw new IllegalStateException("B answered " + cached + " to a fresh token (revocation " + i + ")");
      }
      bench.revoke(id);
      long confirmed = System.nanoTime();
      long lastAcceptedSent = confirmed;
      int accepted = 0;
      while (true) {
        long sent = System.nanoTime();
        int status = bench.onB(token);
        long received = System.nanoTime();
        if (status == 401) {
          upper.add(received - confirmed);
          lower.add(lastAcceptedSent - confirmed);
          boolean messageSeen = bench.receivedOnB() > receivedBefore;
          boolean beforeExpiry = sent - cachedSent < CACHE_TTL.toNanos();
          if (!messageSeen) {
            messageNotSeen++;
          } else if (!beforeExpiry) {
            expiryPossible++;
          } else {
            upperByMessage.add(received - confirmed);
            lowerByMessage.add(lastAcceptedSent - confirmed);
          }
          break;
        }
        if (status != 200) {
          throw new IllegalStateException("B answered " + status + " (revocation " + i + ")");
        }
        accepted++;
        lastAcceptedSent = sent;
        if (received - confirmed > GIVE_UP.toNanos()) {
          throw new IllegalStateException("B still accepted a token " + GIVE_UP + " after its revocation");
        }
      }
      acceptedAfter += accepted;
      if (accepted == 0) {
        refusedAtOnce++;
      } else {
        cacheAges.add(lastAcceptedSent - cachedReceived);
      }
      if (i % 100 == 0) {
        System.out.printf("%d revocations, %.0f s%n", i, (System.nanoTime() - started) / 1e9);
      }
    }
    System.out.printf("revocations: %d, refused by B at its first request after A confirmed: %d,"
        + " requests B accepted after A confirmed: %d%n", revocations, refusedAtOnce, acceptedAfter);
    report("until B's refusal arrived (upper bound)", upper);
    report("until the last request B accepted was sent (lower bound)", lower);
    if (!pubsub) {
      fallbackVerdict(bench.receivedOnB() - receivedAtStart, cacheAges);
      return;
    }
    System.out.printf("refusals that rest on the pub/sub message (B had counted it, and its cache entry could "
        + "not have expired yet): %d; B had not counted the message yet: %d; sent after the entry could have "
        + "expired: %d%n", upperByMessage.size(), messageNotSeen, expiryPossible);
    if (!upperByMessage.isEmpty()) {
      report("through pub/sub, until B's refusal arrived (upper bound)", upperByMessage);
      report("through pub/sub, until the last request B accepted was sent (lower bound)", lowerByMessage);
    }
    boolean all = upperByMessage.size() == revocations;
    long over = upperByMessage.stream().filter(n -> n > 100_000_000L).count();
    System.out.println("verdict: " + (all && over == 0
        ? "every refusal came through pub/sub, each within 100 ms (upper bound)"
        : all ? over + " refusals through pub/sub took more than 100 ms (upper bound)"
        : (revocations - upperByMessage.size()) + " refusals cannot be credited to pub/sub; the 100 ms goal is "
            + "not shown by this run"));
  }

  /**
   * PUBSUB=off: B heard of no revocation, so each refusal rests on its token cache expiring.
   * The bound holds when no request B accepted was sent later than the cache's lifetime after
   * the caching request had returned.
   */
  static void fallbackVerdict(double messages, List<Long> cacheAges) {
    System.out.printf("revocation messages B received (none expected with PUBSUB=off): %.0f%n", messages);
    if (!cacheAges.isEmpty()) {
      report("since B's caching response, until the last request it accepted was sent (at least the cache "
          + "entry's age)", cacheAges);
    }
    long late = cacheAges.stream().filter(n -> n >= CACHE_TTL.toNanos()).count();
    System.out.println("verdict: " + (messages > 0
        ? "B received revocation messages: pub/sub was not off, so this run does not measure the fallback"
        : late == 0 ? "without pub/sub B accepted no revoked token " + CACHE_TTL.toMillis() + " ms or more after "
            + "caching it: the fallback bound holds"
        : late + " revoked tokens accepted " + CACHE_TTL.toMillis() + " ms or more after B cached them: the "
            + "fallback bound does not hold"));
  }

  /** B's count of revocation messages received for tokens (0 before the first). */
  double receivedOnB() throws Exception {
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(metricsB).timeout(Duration.ofSeconds(30)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    if (metrics.statusCode() != 200) {
      throw new IllegalStateException("B's management port answered " + metrics.statusCode() + " at " + metricsB);
    }
    Matcher count = RECEIVED.matcher(metrics.body());
    return count.find() ? Double.parseDouble(count.group(1)) : 0;
  }

  static void report(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    System.out.printf("window %s, ms: max %.1f, p99 %.1f, p90 %.1f, median %.1f, mean %.1f; over 100 ms: %d%n",
        what, ms(sorted.get(sorted.size() - 1)), ms(at(sorted, 0.99)), ms(at(sorted, 0.90)), ms(at(sorted, 0.50)),
        sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6,
        sorted.stream().filter(n -> n > 100_000_000L).count());
  }

  static long at(List<Long> sorted, double quantile) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  void signIn(String password) throws Exception {
    send(HttpRequest.newBuilder(URI.create(a + "/login")).GET());
    HttpResponse<String> login = send(form(a + "/login",
        Map.of("username", USER, "password", password, "csrf_token", cookies.get("__Host-csrftoken"))));
    String location = login.headers().firstValue("Location").orElse("");
    if (login.statusCode() != 302 || location.contains("error") || location.contains("/login")) {
      throw new IllegalStateException("Signing in on A failed: " + login.statusCode() + " " + location);
    }
  }

  String[] createToken(String name) throws Exception {
    HttpResponse<String> page = send(form(a + APPLICATIONS, Map.of("name", name, "scopes", "user:read",
        "expires", "30d", "csrf_token", cookies.get("__Host-csrftoken"))));
    Matcher token = NEW_TOKEN.matcher(page.body());
    // The revoke form in the table row of this token (alice has others, such as the load's).
    String row = java.util.Arrays.stream(page.body().split("<tr")).filter(r -> r.contains(">" + name + "<"))
        .findFirst().orElse("");
    Matcher id = REVOKE.matcher(row);
    if (page.statusCode() != 200 || !token.find() || !id.find()) {
      throw new IllegalStateException("Creating a token on A failed: " + page.statusCode());
    }
    return new String[] {token.group(1), id.group(1)};
  }

  void revoke(String id) throws Exception {
    HttpResponse<String> revoked = send(form(a + APPLICATIONS + "/" + id + "/revoke",
        Map.of("csrf_token", cookies.get("__Host-csrftoken"))));
    if (revoked.statusCode() != 302) {
      throw new IllegalStateException("Revoking on A answered " + revoked.statusCode());
    }
  }

  int onB(String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(b + "/api/me")).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  HttpRequest.Builder form(String url, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** Sends with the session's cookies and keeps the ones the server sets. */
  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    for (String header : response.headers().allValues("set-cookie")) {
      String pair = header.split(";", 2)[0];
      String name = pair.substring(0, pair.indexOf('='));
      String value = pair.substring(pair.indexOf('=') + 1);
      if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, value);
      }
    }
    return response;
  }

  static SSLContext trusting(String certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = new FileInputStream(certificate)) {
      trust.setCertificateEntry("instance", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
