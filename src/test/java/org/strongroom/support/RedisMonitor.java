package org.strongroom.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The commands Redis runs on keys of one namespace, as its {@code MONITOR} reports them: to
 * count exactly what a feature costs in round trips, whatever else runs against the same Redis.
 * Each entry is the command and its arguments as MONITOR quotes them, such as
 * {@code "HGETALL" "ns:session:sessions:…"}.
 */
public final class RedisMonitor implements AutoCloseable {

  private final String namespace;
  private final Socket socket;
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final Thread reader;

  public RedisMonitor(String namespace) throws IOException {
    this.namespace = namespace;
    socket = new Socket(RequiresRedis.HOST, RequiresRedis.PORT);
    socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
    BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    String ok = lines.readLine();
    if (!"+OK".equals(ok)) {
      throw new IOException("Redis refused MONITOR: " + ok);
    }
    reader = new Thread(() -> read(lines), "redis-monitor");
    reader.setDaemon(true);
    reader.start();
  }

  private void read(BufferedReader lines) {
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        // +1700000000.123456 [0 127.0.0.1:50000] "HGETALL" "key"
        int start = line.indexOf("] ");
        if (start > 0 && line.contains(namespace)) {
          commands.add(line.substring(start + 2));
        }
      }
    } catch (IOException e) {
      // Closed.
    }
  }

  /**
   * The commands seen since the last call, once Redis has also reported a marker command sent
   * after them (MONITOR lines come asynchronously).
   */
  public List<String> drain() throws Exception {
    String marker = namespace + ":monitor-marker:" + UUID.randomUUID();
    try (Socket client = new Socket(RequiresRedis.HOST, RequiresRedis.PORT)) {
      client.getOutputStream().write(("EXISTS " + marker + "\r\n").getBytes(StandardCharsets.US_ASCII));
      client.getInputStream().read();
    }
    Eventually.until(Duration.ofSeconds(10), "Redis MONITOR reports the marker",
        () -> commands.stream().anyMatch(c -> c.contains(marker)));
    List<String> seen = List.copyOf(commands);
    int end = 0;
    while (!seen.get(end).contains(marker)) {
      end++;
    }
    commands.subList(0, end + 1).clear();
    return seen.subList(0, end);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
