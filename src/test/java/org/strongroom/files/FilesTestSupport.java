package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.strongroom.support.ApiClient;
import org.strongroom.support.TestUsers;

/** Shared steps of the files tests: records to attach to, uploads, raw HTTP for attacks. */
final class FilesTestSupport {

  private FilesTestSupport() {}

  /** The files collection of a record. */
  static String files(String recordId) {
    return "/api/records/" + recordId + "/files";
  }

  static String record(ApiClient api, TestUsers.User owner, String access) {
    HttpResponse<String> created = api.post("/api/records/",
        "{\"metadata\": {\"title\": \"Files test\"}, \"access\": {\"record\": \"" + access + "\"}}",
        bearer(owner.token()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).path("id").asString();
  }

  /** The user's Bearer token header followed by more name, value pairs. */
  static String[] auth(TestUsers.User user, String... more) {
    String[] all = new String[more.length + 2];
    all[0] = "Authorization";
    all[1] = "Bearer " + user.token();
    System.arraycopy(more, 0, all, 2, more.length);
    return all;
  }

  static HttpResponse<String> put(ApiClient api, String path, byte[] body, String... headers) {
    return api.send(ApiClient.withHeaders(api.request(path), headers)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  static HttpResponse<byte[]> getBytes(ApiClient api, String path, String... headers) {
    try {
      return api.http().send(ApiClient.withHeaders(api.request(path).GET(), headers).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> blobNames(BlobStore blobs) {
    List<String> names = new ArrayList<>();
    try {
      blobs.forEach((name, modified) -> names.add(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return names;
  }

  /** A raw HTTP/1.1 exchange over TLS: what an attacker (or a broken client) can send. */
  static SSLSocket rawSocket(ApiClient api) throws IOException {
    SSLSocket socket = api.rawSocket();
    socket.setSoTimeout(20_000);
    socket.startHandshake();
    return socket;
  }

  /** Declares a body of {@code contentLength} bytes and sends none of it: the answer must come anyway. */
  static String declaredUpload(ApiClient api, String token, String path, long contentLength) throws IOException {
    return rawExchange(api, "PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
        + "\r\nContent-Length: " + contentLength + "\r\n\r\n");
  }

  static String rawExchange(ApiClient api, String head) throws IOException {
    try (SSLSocket socket = rawSocket(api)) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return readResponseHead(socket.getInputStream());
    }
  }

  /** Reads until the end of the response headers and a little of the body. */
  static String readResponseHead(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[4096];
    for (int n; (n = in.read(buffer)) != -1; ) {
      text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      int end = text.indexOf("\r\n\r\n");
      if (end >= 0 && text.indexOf("}", end) >= 0) {
        break;
      }
    }
    return text.toString();
  }
}
