package org.strongroom.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder between the server under test and a service (Redis, PostgreSQL, s3proxy)
 * that the test can cut and restore, to play an outage without stopping the machine's service,
 * which other tests share.
 */
public final class TcpForwarder implements AutoCloseable {

  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile Thread acceptor;
  private boolean frozen; // guarded by this

  public TcpForwarder(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = bindFreePort();
  }

  /**
   * A port below the kernel's ephemeral range (32768 and up), so that no outgoing connection
   * takes it as its source port while the forwarder is cut and it can always be bound again.
   */
  private int bindFreePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int candidate = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 30_000);
      try {
        listen(candidate);
        return candidate;
      } catch (java.net.BindException e) {
        // Taken: try another.
      }
    }
    throw new IOException("No free port for the forwarder");
  }

  public int port() {
    return port;
  }

  /** Accepts connections again on the same port. */
  public synchronized void restore() throws IOException {
    listen(port);
  }

  private void listen(int localPort) throws IOException {
    ServerSocket listening = new ServerSocket();
    listening.setReuseAddress(true);
    listening.bind(new InetSocketAddress("127.0.0.1", localPort));
    server = listening;
    acceptor = new Thread(() -> accept(listening), "tcp-forwarder-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Closes the port and every open connection: to the client, Redis is gone. */
  public synchronized void cut() throws IOException {
    server.close();
    // The kernel keeps the port listening until the thread waiting in accept() has let go of
    // the socket; without this join, restore() right after cut() could find it still in use.
    try {
      acceptor.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while closing the forwarder's port", e);
    }
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  /** Keeps the connections open but holds every byte: to the client, Redis has hung. */
  public synchronized void freeze() {
    frozen = true;
  }

  /** Passes the held bytes on and forwards again. */
  public synchronized void thaw() {
    frozen = false;
    notifyAll();
  }

  private synchronized void awaitThawed() throws InterruptedException {
    while (frozen) {
      wait();
    }
  }

  @Override
  public void close() throws IOException {
    thaw(); // lets held pumps end
    cut();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket redis = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(redis);
        pump(client, redis);
        pump(redis, client);
      } catch (IOException e) {
        // Closed by cut().
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int read; (read = in.read(buffer)) >= 0; ) {
          awaitThawed();
          out.write(buffer, 0, read);
        }
      } catch (IOException | InterruptedException e) {
        // One side closed.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-forwarder");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
