package org.strongroom.sso;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.strongroom.instance.InvalidConfiguration;

/**
 * TLS towards the directory. With {@code trusted-certificates}, the directory's certificate must
 * chain to one of the certificates in that PEM file (and nothing else); without it, to the JVM's
 * trust store. The host name is checked in both cases: JNDI checks it for {@code ldaps://}, the
 * JDK's StartTLS response for StartTLS.
 */
final class LdapTls {

  private static final String KEY = "strongroom.sso.ldap.trusted-certificates";

  private LdapTls() {}

  /** The socket factory trusting only the certificates in {@code file}. */
  static SSLSocketFactory trusting(Path file) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new InvalidConfiguration(KEY + ": cannot read " + file + " (" + e.getClass().getSimpleName()
          + "); give the PEM file of the directory's CA certificate");
    } catch (CertificateException e) {
      throw new InvalidConfiguration(KEY + ": " + file + " holds no readable certificate; give the PEM file "
          + "(-----BEGIN CERTIFICATE-----) of the directory's CA certificate");
    }
    if (certificates.isEmpty()) {
      throw new InvalidConfiguration(KEY + ": " + file + " holds no certificate; give the PEM file "
          + "(-----BEGIN CERTIFICATE-----) of the directory's CA certificate");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("trusted-" + index++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS for the LDAP directory", e);
    }
  }

  /**
   * Why a connection failed, when the reason is the directory's certificate (not trusted, or
   * not for this host name); {@code null} for any other failure.
   */
  static String certificateRefusal(Throwable failure) {
    boolean tls = false;
    String reason = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SSLHandshakeException || cause instanceof SSLPeerUnverifiedException
          || cause instanceof CertificateException || cause instanceof CertPathValidatorException) {
        tls = true;
      }
      if (cause instanceof SSLException || cause instanceof GeneralSecurityException) {
        reason = cause.getMessage();
      }
    }
    if (!tls) {
      return null;
    }
    if (reason == null) {
      return "handshake failed";
    }
    // The JDK's messages name the exception class before the reason.
    int colon = reason.lastIndexOf(": ");
    return (colon >= 0 ? reason.substring(colon + 2) : reason).lines().findFirst().orElse(reason);
  }

  /**
   * The socket factory JNDI uses for {@code ldaps://} when {@code trusted-certificates} is set.
   * JNDI names the factory by class and asks it for {@link #getDefault()}, on the thread that
   * opens the connection: {@link LdapDirectory} sets the factory for that thread around each
   * use of the directory.
   */
  public static final class JndiSocketFactory extends SSLSocketFactory {

    private static final ThreadLocal<SSLSocketFactory> CURRENT = new ThreadLocal<>();

    private final SSLSocketFactory delegate;

    private JndiSocketFactory(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    /** Called by JNDI. Without a factory set for this thread, refuses rather than trust anything else. */
    public static SocketFactory getDefault() {
      SSLSocketFactory current = CURRENT.get();
      if (current == null) {
        throw new IllegalStateException("no LDAP TLS settings for this thread");
      }
      return new JndiSocketFactory(current);
    }

    static <T> T with(SSLSocketFactory factory, java.util.function.Supplier<T> work) {
      CURRENT.set(factory);
      try {
        return work.get();
      } finally {
        CURRENT.remove();
      }
    }

    @Override
    public Socket createSocket() throws IOException {
      return delegate.createSocket();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
      return delegate.createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return delegate.createSocket(address, port, localAddress, localPort);
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }
  }
}
