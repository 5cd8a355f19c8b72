package org.strongroom.sso;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real LDAP directory in the JVM (UnboundID's in-memory server, loaded from
 * {@code sso/directory.ldif}) behind TLS: an {@code ldaps://} port and a plain port that offers
 * StartTLS, each presenting a certificate issued by a test CA for {@code localhost}, or, once
 * {@link #present} says so, one of another CA or one of the right CA for another host name (each
 * identity is a listener of its own, so that no TLS session outlives the switch). What clients
 * send to either port passes through a recorder, so that a test can look for a password on the
 * wire.
 */
final class TlsDirectory {

  /** Which certificate the directory presents to new connections. */
  enum Identity { TRUSTED, OTHER_CA, OTHER_HOST }

  final InMemoryDirectoryServer server;
  /** The PEM file of the CA Strongroom is told to trust. */
  final Path trustedCa;
  private final AtomicReference<Identity> presented = new AtomicReference<>(Identity.TRUSTED);
  private final Relay ldaps;
  private final Relay startTls;

  TlsDirectory() {
    try {
      Path folder = Files.createTempDirectory("strongroom-ldap-tls-");
      Issuer trusted = Issuer.create("CN=Strongroom test directory CA");
      Issuer other = Issuer.create("CN=Some other CA");
      trustedCa = folder.resolve("directory-ca.pem");
      Files.writeString(trustedCa, pem(trusted.certificate));
      Map<Identity, Issued> identities = Map.of(Identity.TRUSTED, trusted.issue("localhost"),
          Identity.OTHER_CA, other.issue("localhost"), Identity.OTHER_HOST, trusted.issue("ldap.elsewhere.example"));

      List<InMemoryListenerConfig> listeners = new ArrayList<>();
      for (Identity identity : Identity.values()) {
        SSLContext tls = identities.get(identity).context();
        listeners.add(InMemoryListenerConfig.createLDAPSConfig("ldaps-" + identity, InetAddress.getLoopbackAddress(),
            0, tls.getServerSocketFactory(), null));
        listeners.add(InMemoryListenerConfig.createLDAPConfig("starttls-" + identity,
            InetAddress.getLoopbackAddress(), 0, tls.getSocketFactory()));
      }
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
      config.setListenerConfigs(listeners);
      server = new InMemoryDirectoryServer(config);
      server.importFromLDIF(true, TlsDirectory.class.getResource("/sso/directory.ldif").getPath());
      server.startListening();
      ldaps = new Relay(() -> server.getListenPort("ldaps-" + presented.get()));
      startTls = new Relay(() -> server.getListenPort("starttls-" + presented.get()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  int ldapsPort() {
    return ldaps.port();
  }

  int startTlsPort() {
    return startTls.port();
  }

  void present(Identity identity) {
    presented.set(identity);
  }

  /** Whether {@code text} crossed either port in clear, from a client to the directory. */
  boolean seenInClear(String text) {
    return ldaps.sent(text) || startTls.sent(text);
  }

  void stop() {
    ldaps.close();
    startTls.close();
    server.shutDown(true);
  }

  /** Forwards each connection to the listener chosen when it opens; records what clients send. */
  private static final class Relay {
    private final ServerSocket listening;
    private final IntSupplier target;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    Relay(IntSupplier target) throws IOException {
      this.target = target;
      listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(this::accept, "ldap-relay-" + listening.getLocalPort());
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return listening.getLocalPort();
    }

    boolean sent(String text) {
      byte[] needle = text.getBytes(StandardCharsets.UTF_8);
      byte[] haystack;
      synchronized (sent) {
        haystack = sent.toByteArray();
      }
      outer:
      for (int i = 0; i + needle.length <= haystack.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }

    void close() {
      try {
        listening.close();
      } catch (IOException ignored) {
        // closing
      }
    }

    private void accept() {
      while (!listening.isClosed()) {
        try {
          Socket client = listening.accept();
          Socket directory = new Socket(InetAddress.getLoopbackAddress(), target.getAsInt());
          pump(client, directory, sent);
          pump(directory, client, null);
        } catch (IOException closed) {
          // the relay is closing
        }
      }
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
      Thread thread = new Thread(() -> {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          for (int read; (read = in.read(buffer)) >= 0; ) {
            if (record != null) {
              synchronized (record) {
                record.write(buffer, 0, read);
              }
            }
            out.write(buffer, 0, read);
            out.flush();
          }
        } catch (IOException closed) {
          // one side closed
        } finally {
          try {
            from.close();
            to.close();
          } catch (IOException ignored) {
            // already closed
          }
        }
      }, "ldap-relay-pump");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private record Issued(X509Certificate[] chain, PrivateKey key) {
    SSLContext context() throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "test-only".toCharArray();
      store.setKeyEntry("server", key, password, chain);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    }
  }

  private record Issuer(X509Certificate certificate, KeyPair keys) {
    static Issuer create(String name) throws Exception {
      KeyPair keys = keyPair();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(name),
          BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(30))), new X500Name(name), keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      return new Issuer(sign(builder, keys.getPrivate()), keys);
    }

    Issued issue(String host) throws Exception {
      KeyPair server = keyPair();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate,
          BigInteger.valueOf(System.nanoTime()), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=" + host), server.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
      return new Issued(new X509Certificate[] {sign(builder, keys.getPrivate()), certificate}, server.getPrivate());
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey key) throws Exception {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }
  }

  private static String pem(X509Certificate certificate) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(certificate);
    }
    return text.toString();
  }
}
