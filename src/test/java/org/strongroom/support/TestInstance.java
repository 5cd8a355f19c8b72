package org.strongroom.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;

/** The instance folder shared by integration tests (key, TLS certificate); databases are per context. */
public final class TestInstance {

  public static final String FOLDER = "target/test-instance";
  public static final InstanceLayout LAYOUT = new InstanceLayout(Path.of(FOLDER));
  private static final Path LOCK = Path.of("target/test-instance.lock");

  private TestInstance() {}

  /**
   * Sets the folder up once. bench/fuzz.sh runs test classes in JVMs side by side: the file lock
   * keeps a second JVM from reading the key while the first is still writing it.
   */
  public static synchronized InstanceLayout ensure() {
    try {
      Files.createDirectories(LOCK.getParent());
      try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        InstanceSetup.ensure(LAYOUT, Clock.systemUTC());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return LAYOUT;
  }
}
