package org.strongroom.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;

/**
 * TLS 1.2/1.3 with forward-secret AEAD suites only. The refused offers are written as raw
 * ClientHello bytes, so the test does not depend on what the JDK client would agree to send:
 * only the server's answer (ServerHello or alert) decides.
 */
@IntegrationTest
class TlsIntegrationTests {

  static final int[] CBC_SUITES = {0xc009, 0xc013, 0xc023, 0xc027, 0x002f, 0x0035, 0x003c};
  static final int[] GCM_SUITES = {0xc02b, 0xc02f};
  static final int[] STATIC_RSA_GCM = {0x009c, 0x009d};

  @Autowired
  ApiClient api;

  @Test
  void tls11IsRefused() throws IOException {
    assertThat(answerTo(0x0302, CBC_SUITES)).isEqualTo("alert");
    assertThat(answerTo(0x0302, GCM_SUITES)).isEqualTo("alert");
  }

  @Test
  void tls10IsRefused() throws IOException {
    assertThat(answerTo(0x0301, CBC_SUITES)).isEqualTo("alert");
  }

  @Test
  void tls12WithCbcOrWithoutForwardSecrecyIsRefused() throws IOException {
    assertThat(answerTo(0x0303, CBC_SUITES)).isEqualTo("alert");
    assertThat(answerTo(0x0303, STATIC_RSA_GCM)).isEqualTo("alert");
  }

  @Test
  void tls12WithForwardSecretAeadIsAccepted() throws IOException {
    assertThat(answerTo(0x0303, GCM_SUITES)).isEqualTo("server-hello 0303");
  }

  @Test
  void theServerPicksTheSuiteNotTheClient() throws IOException {
    // The client prefers AES-128; the server's list puts AES-256 first.
    assertThat(chosenSuite(0x0303, new int[] {0xc02b, 0xc02c})).isEqualTo(0xc02c);
    assertThat(chosenSuite(0x0303, new int[] {0xc02c, 0xc02b})).isEqualTo(0xc02c);
  }

  /** The cipher suite in the server's ServerHello. */
  static int chosenSuite(int port, int version, int[] suites) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(clientHello(version, suites));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThat(in.readUnsignedByte()).as("handshake record").isEqualTo(0x16);
      in.readNBytes(4);
      assertThat(in.readUnsignedByte()).as("ServerHello").isEqualTo(2);
      in.readNBytes(3 + 2 + 32);
      in.readNBytes(in.readUnsignedByte());
      return in.readUnsignedShort();
    }
  }

  private int chosenSuite(int version, int[] suites) throws IOException {
    return chosenSuite(api.port(), version, suites);
  }

  @Test
  void aModernClientGetsTls13() throws IOException {
    try (SSLSocket socket = api.rawSocket()) {
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(socket.getSession().getCipherSuite()).matches("TLS_(AES_\\d+_GCM|CHACHA20_POLY1305)_SHA\\d+");
    }
  }

  /** "server-hello VVVV" with the version the server chose, "alert", or "closed". */
  private String answerTo(int version, int[] suites) throws IOException {
    try (Socket socket = new Socket("localhost", api.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(clientHello(version, suites));
      socket.getOutputStream().flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int type = in.read();
      if (type < 0) {
        return "closed";
      }
      if (type == 0x15) {
        return "alert";
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int handshakeType = in.readUnsignedByte();
      in.readNBytes(3);
      int chosen = in.readUnsignedShort();
      return handshakeType == 2 ? "server-hello " + String.format("%04x", chosen) : "handshake " + handshakeType;
    } catch (java.net.SocketException e) {
      return "closed";
    }
  }

  static byte[] clientHello(int version, int[] suites) {
    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    byte[] name = "localhost".getBytes(StandardCharsets.US_ASCII);
    extension(extensions, 0x0000, concat(u16(name.length + 3), new byte[] {0}, u16(name.length), name));
    extension(extensions, 0x000a, concat(u16(6), u16(0x001d), u16(0x0017), u16(0x0018)));
    extension(extensions, 0x000b, new byte[] {1, 0});
    extension(extensions, 0x000d, concat(u16(8), u16(0x0403), u16(0x0503), u16(0x0804), u16(0x0401)));
    ByteArrayOutputStream suiteBytes = new ByteArrayOutputStream();
    for (int suite : suites) {
      suiteBytes.writeBytes(u16(suite));
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    byte[] body = concat(u16(version), random, new byte[] {0}, u16(suiteBytes.size()), suiteBytes.toByteArray(),
        new byte[] {1, 0}, u16(extensions.size()), extensions.toByteArray());
    byte[] handshake = concat(new byte[] {1}, u24(body.length), body);
    return concat(new byte[] {0x16, 0x03, 0x01}, u16(handshake.length), handshake);
  }

  private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
    out.writeBytes(u16(type));
    out.writeBytes(u16(data.length));
    out.writeBytes(data);
  }

  private static byte[] u16(int value) {
    return new byte[] {(byte) (value >> 8), (byte) value};
  }

  private static byte[] u24(int value) {
    return new byte[] {(byte) (value >> 16), (byte) (value >> 8), (byte) value};
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

}
