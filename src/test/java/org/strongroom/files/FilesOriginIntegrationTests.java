package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.files.FilesTestSupport.auth;
import static org.strongroom.files.FilesTestSupport.put;
import static org.strongroom.files.FilesTestSupport.record;
import static org.strongroom.support.ApiClient.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/**
 * With a separate files origin: the API redirects to a short-lived signed URL there, and the
 * files host serves only that path — no cookies, no other route, nothing for a tampered,
 * expired or transplanted signature.
 */
@IntegrationTest
@TestPropertySource(properties = {
    "strongroom.storage.local.path=target/test-files/origin-${random.uuid}",
    "strongroom.files.origin=https://files.strongroom.test"})
class FilesOriginIntegrationTests {

  static final String FILES_HOST = "files.strongroom.test";

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Autowired
  SecretKeyRing keys;

  @Test
  void contentRedirectsToASignedUrlOnTheFilesOriginWhichServesTheBytesWithoutCookies() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    put(api, "/api/records/" + id + "/files/page.html", FileServingIntegrationTests.HTML.getBytes(StandardCharsets.UTF_8), auth(alice));

    HttpResponse<String> redirect = api.get("/api/records/" + id + "/files/page.html/content");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("no-store");
    URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(location.getScheme() + "://" + location.getHost()).isEqualTo("https://" + FILES_HOST);
    assertThat(location.getPath()).matches("/download/[0-9a-f]{32}");
    assertThat(location.getQuery()).matches("expires=\\d+&signature=[A-Za-z0-9_-]+");
    long expires = Long.parseLong(location.getQuery().replaceAll("expires=(\\d+).*", "$1"));
    assertThat(expires - Instant.now().getEpochSecond()).isBetween(50L, 61L);

    HttpResponse<String> served = onFilesHost(location.getRawPath() + "?" + location.getRawQuery(),
        "Cookie", "__Host-session=stolen; JSESSIONID=x");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).isEqualTo(FileServingIntegrationTests.HTML);
    assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(served.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
    assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(served.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-site");
    assertThat(served.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment;"));
    assertThat(served.headers().allValues("Set-Cookie")).isEmpty();

    HttpResponse<String> ranged = onFilesHost(location.getRawPath() + "?" + location.getRawQuery(), "Range", "bytes=0-14");
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(ranged.body()).isEqualTo("<!DOCTYPE html>");
  }

  @Test
  void refusesTamperedExpiredAndTransplantedSignatures() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    put(api, "/api/records/" + id + "/files/a.txt", "A".getBytes(StandardCharsets.UTF_8), auth(alice));
    put(api, "/api/records/" + id + "/files/b.txt", "B".getBytes(StandardCharsets.UTF_8), auth(alice));
    URI a = signedLocation(id, "a.txt");
    URI b = signedLocation(id, "b.txt");
    String aId = a.getPath().substring("/download/".length());
    String bId = b.getPath().substring("/download/".length());
    String aExpires = query(a, "expires");
    String aSignature = query(a, "signature");

    assertRefused(onFilesHost("/download/" + aId + "?expires=" + aExpires + "&signature=" + flipLast(aSignature)));
    assertRefused(onFilesHost("/download/" + aId + "?expires=" + (Long.parseLong(aExpires) + 3600) + "&signature=" + aSignature));
    assertRefused(onFilesHost("/download/" + bId + "?expires=" + aExpires + "&signature=" + aSignature));
    assertRefused(onFilesHost("/download/" + aId + "?expires=" + aExpires));
    assertRefused(onFilesHost("/download/" + aId + "?expires=abc&signature=" + aSignature));
    assertRefused(onFilesHost("/download/" + aId.toUpperCase() + "?expires=" + aExpires + "&signature=" + aSignature));

    Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(5)), ZoneOffset.UTC);
    String expired = new SignedUrls(keys, past, Duration.ofSeconds(60)).sign(aId);
    assertRefused(onFilesHost(expired));

    assertThat(onFilesHost(a.getRawPath() + "?" + a.getRawQuery()).body()).isEqualTo("A");
  }

  @Test
  void aReplacedOrDeletedFileIsNoLongerServedByItsOldUrl() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    put(api, "/api/records/" + id + "/files/v.txt", "one".getBytes(StandardCharsets.UTF_8), auth(alice));
    URI first = signedLocation(id, "v.txt");
    put(api, "/api/records/" + id + "/files/v.txt", "two".getBytes(StandardCharsets.UTF_8), auth(alice));
    assertThat(onFilesHost(first.getRawPath() + "?" + first.getRawQuery()).statusCode()).isEqualTo(404);
    URI second = signedLocation(id, "v.txt");
    assertThat(onFilesHost(second.getRawPath() + "?" + second.getRawQuery()).body()).isEqualTo("two");
  }

  @Test
  void theFilesHostAnswersNothingButSignedDownloads() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    put(api, "/api/records/" + id + "/files/a.txt", "A".getBytes(StandardCharsets.UTF_8), auth(alice));
    URI a = signedLocation(id, "a.txt");

    for (String path : new String[] {"/", "/login", "/api/records/", "/api/records/" + id + "/files/a.txt/content",
        "/records/" + id, "/css/strongroom.css"}) {
      HttpResponse<String> response = onFilesHost(path, "Authorization", "Bearer " + alice.token());
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().allValues("Set-Cookie")).as(path).isEmpty();
      assertThat(json(response).path("status").asInt()).isEqualTo(404);
    }
    HttpResponse<String> post = send(api.request(a.getRawPath() + "?" + a.getRawQuery()).header("Host", FILES_HOST)
        .POST(HttpRequest.BodyPublishers.ofString("x")).build());
    assertThat(post.statusCode()).isEqualTo(404);
    // The application host does not serve the download path.
    assertThat(api.get(a.getRawPath() + "?" + a.getRawQuery()).statusCode()).isNotEqualTo(200);
  }

  @Test
  void restrictedFilesAreRedirectedOnlyForThoseWhoMaySeeThem() {
    TestUsers.User owner = users.user();
    String id = record(api, owner, "restricted");
    put(api, "/api/records/" + id + "/files/s.txt", "secret".getBytes(StandardCharsets.UTF_8), auth(owner));
    assertThat(api.get("/api/records/" + id + "/files/s.txt/content").statusCode()).isEqualTo(404);
    HttpResponse<String> mine = api.get("/api/records/" + id + "/files/s.txt/content", auth(owner));
    assertThat(mine.statusCode()).isEqualTo(302);
  }

  private URI signedLocation(String recordId, String key) {
    HttpResponse<String> redirect = api.get("/api/records/" + recordId + "/files/" + key + "/content");
    assertThat(redirect.statusCode()).isEqualTo(302);
    return URI.create(redirect.headers().firstValue("Location").orElseThrow());
  }

  private final java.net.http.HttpClient http11 = ApiClient.http11();

  private HttpResponse<String> onFilesHost(String pathAndQuery, String... headers) {
    return send(ApiClient.withHeaders(api.request(pathAndQuery).header("Host", FILES_HOST).GET(), headers).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http11.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).path("message").asString()).isEqualTo("This download link is invalid or has expired");
    assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
  }

  private static String query(URI uri, String name) {
    for (String part : uri.getRawQuery().split("&")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static String flipLast(String signature) {
    char last = signature.charAt(signature.length() - 1);
    return signature.substring(0, signature.length() - 1) + (last == 'A' ? 'B' : 'A');
  }
}
