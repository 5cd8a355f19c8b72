package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.files.FilesTestSupport.auth;
import static org.strongroom.files.FilesTestSupport.getBytes;
import static org.strongroom.files.FilesTestSupport.put;
import static org.strongroom.files.FilesTestSupport.record;
import static org.strongroom.support.ApiClient.json;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.UriUtils;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/**
 * Files that a browser would run (HTML, SVG — also disguised as PNG —, XHTML, XML, JavaScript,
 * polyglots, PDF) are served so that nothing runs: never with an active Content-Type inline,
 * always with a sandboxing CSP and nosniff.
 */
@IntegrationTest
@TestPropertySource(properties = FilesLocalIntegrationTests.LOCAL_STORAGE)
class FileServingIntegrationTests {

  static final String HTML = "<!DOCTYPE html><html><body><script>fetch('/api/records/')</script></body></html>";
  static final String SVG = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.cookie)\">"
      + "<script>alert(1)</script></svg>";
  static final String XHTML = "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
      + "<script>alert(1)</script></body></html>";
  /** A valid GIF header followed by HTML: sniffers that look past the header find a page. */
  static final String GIF_HTML_POLYGLOT = "GIF89a/*\u0001\u0000\u0001\u0000\u0000\u0000\u0000*/=1;"
      + "<html><script>alert(1)</script></html>";
  /** Plain text up front, markup later: a sniffer reading far enough would call it HTML. */
  static final String TEXT_HTML_POLYGLOT = "just some notes\n".repeat(40) + "<html><script>alert(1)</script></html>";
  static final String PDF_WITH_JS = "%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF";

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  static Stream<Arguments> activeFiles() {
    return Stream.of(
        Arguments.of("page.html", "text/html", HTML, "text/html"),
        Arguments.of("page.txt", "text/plain", HTML, "text/html"),
        Arguments.of("image.svg", "image/svg+xml", SVG, "image/svg+xml"),
        Arguments.of("image.png", "image/png", SVG, "image/svg+xml"),
        Arguments.of("page.xhtml", "application/xhtml+xml", XHTML, "application/xhtml+xml"),
        Arguments.of("data.xml", "application/xml", "<?xml version=\"1.0\"?><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>", null),
        Arguments.of("app.js", "text/javascript", "alert(document.domain)", "text/javascript"),
        Arguments.of("report.pdf", "application/pdf", PDF_WITH_JS, "application/pdf"));
  }

  @ParameterizedTest
  @MethodSource("activeFiles")
  void servesActiveContentInert(String key, String claimedType, String content, String expectedDetection) {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    HttpResponse<String> uploaded = put(api, "/api/records/" + id + "/files/" + key,
        content.getBytes(StandardCharsets.UTF_8), auth(alice, "Content-Type", claimedType));
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    if (expectedDetection != null) {
      assertThat(json(uploaded).path("mimetype").asString()).isEqualTo(expectedDetection);
    }

    HttpResponse<byte[]> served = getBytes(api, "/api/records/" + id + "/files/" + key + "/content");
    assertThat(served.statusCode()).isEqualTo(200);
    assertInert(served);
    assertThat(served.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        d -> assertThat(d).startsWith("attachment;"));
    String type = served.headers().firstValue("Content-Type").orElseThrow();
    assertThat(type).doesNotContainIgnoringCase("html").doesNotContainIgnoringCase("svg")
        .doesNotContainIgnoringCase("xml").doesNotContainIgnoringCase("javascript");
  }

  @Test
  void svgRenamedAsPngAndSentAsPngIsStillAnSvgAndStillInert() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    HttpResponse<String> uploaded = put(api, "/api/records/" + id + "/files/cat.png",
        SVG.getBytes(StandardCharsets.UTF_8), auth(alice, "Content-Type", "image/png"));
    assertThat(json(uploaded).path("mimetype").asString()).isEqualTo("image/svg+xml");
    HttpResponse<byte[]> served = getBytes(api, "/api/records/" + id + "/files/cat.png/content");
    assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).doesNotContain("image/png"));
    assertInert(served);
  }

  @Test
  void polyglotsAreServedAsWhatTheirBytesSayWithNosniff() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    put(api, "/api/records/" + id + "/files/pic.gif", GIF_HTML_POLYGLOT.getBytes(StandardCharsets.ISO_8859_1),
        auth(alice, "Content-Type", "text/html"));
    HttpResponse<byte[]> gif = getBytes(api, "/api/records/" + id + "/files/pic.gif/content");
    assertThat(gif.headers().firstValue("Content-Type")).hasValue("image/gif");
    assertInert(gif);

    put(api, "/api/records/" + id + "/files/notes", TEXT_HTML_POLYGLOT.getBytes(StandardCharsets.UTF_8),
        auth(alice, "Content-Type", "text/html"));
    HttpResponse<byte[]> text = getBytes(api, "/api/records/" + id + "/files/notes/content");
    assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertInert(text);
  }

  @Test
  void passiveImagesAreShownInline() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    byte[] png = java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    HttpResponse<String> uploaded = put(api, "/api/records/" + id + "/files/dot.png", png,
        auth(alice, "Content-Type", "text/html"));
    assertThat(json(uploaded).path("mimetype").asString()).isEqualTo("image/png");
    HttpResponse<byte[]> served = getBytes(api, "/api/records/" + id + "/files/dot.png/content");
    assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(served.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("inline;"));
    assertInert(served);
  }

  @Test
  void contentDispositionCannotBeBrokenByTheKey() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    String key = "rapport \"final\" été ✓.txt";
    HttpResponse<String> uploaded = put(api, "/api/records/" + id + "/files/"
        + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8), "x".getBytes(StandardCharsets.UTF_8), auth(alice));
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    HttpResponse<byte[]> served = getBytes(api, "/api/records/" + id + "/files/"
        + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8) + "/content");
    assertThat(served.headers().allValues("Content-Disposition")).containsExactly(
        "inline; filename=\"rapport _final_ _t_ _.txt\"; filename*=UTF-8''rapport%20%22final%22%20%C3%A9t%C3%A9%20%E2%9C%93.txt");
  }

  static void assertInert(HttpResponse<byte[]> served) {
    assertThat(served.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
    assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(served.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
    // On the application origin the API may (re)issue the readable CSRF cookie; never a session.
    assertThat(served.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("__Host-session"));
  }
}
