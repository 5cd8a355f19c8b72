package org.strongroom.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLSocket;

/**
 * HTTPS requests from a chosen loopback address (any of 127.0.0.0/8), so that a test can
 * play several clients with real, distinct TCP peer addresses: what the server sees is not
 * a header the test chose, exactly as with a real client. Java 17's HttpClient cannot bind
 * a local address, hence this small HTTP/1.0 client (one request per connection).
 */
public final class LoopbackClient {

  /** A response; header names are lower case. */
  public record Response(int status, Map<String, List<String>> headers, String body) {

    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    public tools.jackson.databind.JsonNode json() {
      return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    }

    public List<String> headers(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
  }

  private final int port;
  private final String prefix;

  /** Addresses {@code 127.A.B.n} with A and B chosen at random, so runs never share keys (e.g. in Redis). */
  public LoopbackClient(int port) {
    this.port = port;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    this.prefix = "127." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + ".";
  }

  /** The n-th client address of this client (1 to 254). */
  public String address(int n) {
    return prefix + n;
  }

  public Response get(int client, String path, String... headers) {
    return send(client, "GET", path, null, headers);
  }

  /** A GET from any loopback address, e.g. one chosen by another client object. */
  public Response getFrom(String sourceAddress, String path, String... headers) {
    return sendFrom(sourceAddress, "GET", path, null, headers);
  }

  public Response send(int client, String method, String path, String body, String... headers) {
    return sendFrom(address(client), method, path, body, headers);
  }

  private Response sendFrom(String sourceAddress, String method, String path, String body, String... headers) {
    try (SSLSocket socket = (SSLSocket) ApiClient.trustingTestCertificate().getSocketFactory().createSocket()) {
      socket.bind(new InetSocketAddress(sourceAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(30_000);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder()
          .append(method).append(' ').append(path).append(" HTTP/1.0\r\n")
          .append("Host: localhost:").append(port).append("\r\n");
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      if (body != null) {
        request.append("Content-Length: ").append(content.length).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String raw = all.toString(StandardCharsets.UTF_8);
    int end = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).strip());
    }
    return new Response(status, headers, raw.substring(end + 4));
  }
}
