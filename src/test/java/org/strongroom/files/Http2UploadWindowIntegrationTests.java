package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.files.FilesTestSupport.auth;
import static org.strongroom.files.FilesTestSupport.record;
import static org.strongroom.files.FilesTestSupport.sha256;
import static org.strongroom.support.ApiClient.json;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/**
 * The HTTP/2 flow-control window that uploads depend on, read from the server's own
 * connection preface (the SETTINGS frame and the connection WINDOW_UPDATE after it).
 */
@IntegrationTest
class Http2UploadWindowIntegrationTests {

  private static final int SETTINGS = 0x4;
  private static final int WINDOW_UPDATE = 0x8;
  private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
  private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
  private static final int DEFAULT_WINDOW = 65_535;

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Test
  void theServerAdvertisesALargeWindowForStreamsAndTheConnection() throws IOException {
    Map<Integer, Long> settings = null;
    Long connectionWindowIncrement = null;
    try (SSLSocket socket = api.rawSocket()) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      assertThat(socket.getApplicationProtocol()).isEqualTo("h2");

      OutputStream out = socket.getOutputStream();
      out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[] {0, 0, 0, SETTINGS, 0, 0, 0, 0, 0}); // our (empty) SETTINGS
      out.flush();

      // Tomcat sends its SETTINGS and the WINDOW_UPDATE together, then acknowledges ours.
      DataInputStream in = new DataInputStream(socket.getInputStream());
      boolean acknowledged = false;
      for (int frames = 0; frames < 10 && !acknowledged; frames++) {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7fffffff;
        byte[] payload = in.readNBytes(length);
        if (type == SETTINGS && (flags & 0x1) != 0) {
          acknowledged = true;
        } else if (type == SETTINGS) {
          settings = new HashMap<>();
          for (ByteBuffer entries = ByteBuffer.wrap(payload); entries.remaining() >= 6; ) {
            settings.put(entries.getShort() & 0xffff, entries.getInt() & 0xffffffffL);
          }
        } else if (type == WINDOW_UPDATE && stream == 0) {
          connectionWindowIncrement = ByteBuffer.wrap(payload).getInt() & 0x7fffffffL;
        }
      }
    }

    assertThat(settings).as("the server's SETTINGS frame")
        .containsEntry(SETTINGS_INITIAL_WINDOW_SIZE, (long) FilesConfiguration.HTTP2_INITIAL_WINDOW_SIZE)
        .containsEntry(SETTINGS_MAX_CONCURRENT_STREAMS, FilesConfiguration.HTTP2_MAX_CONCURRENT_STREAMS);
    assertThat(FilesConfiguration.HTTP2_INITIAL_WINDOW_SIZE).as("as docs/api/files.md documents").isEqualTo(256 * 1024);
    // The connection window (65,535 until updated) is raised to the same size.
    assertThat(connectionWindowIncrement).as("WINDOW_UPDATE on stream 0")
        .isEqualTo(FilesConfiguration.HTTP2_INITIAL_WINDOW_SIZE - DEFAULT_WINDOW);
  }

  @Test
  void anUploadOverHttp2ArrivesIntact() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    byte[] body = new byte[5 * 1024 * 1024 + 17];
    new Random(11).nextBytes(body);
    HttpResponse<String> response = api.send(ApiClient.withHeaders(
        api.request("/api/records/" + id + "/files/h2.bin").version(HttpClient.Version.HTTP_2), auth(alice))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(json(response).path("checksum").asString()).isEqualTo("sha256:" + sha256(body));
  }
}
