package org.strongroom.cli;

import java.util.Properties;

/**
 * Gives the JDK's virtual-thread scheduler (Java 21+) four carrier threads per core instead of
 * one, unless the operator chose a number with {@code -Djdk.virtualThreadScheduler.parallelism}.
 *
 * <p>With one carrier per core, a carrier that the kernel takes off its core (for the database,
 * Redis, the TLS client, the JIT) holds up every request queued on it, and the slowest
 * requests wait for it. With 4 per core the kernel shares the cores among the carriers as it
 * does among platform threads: a much shorter tail for a little less throughput
 * (docs/development/performance.md). The JDK reads the property
 * once, when the first virtual thread starts, so this must run first thing in {@code main}.
 */
final class VirtualThreadCarriers {

  static final String PROPERTY = "jdk.virtualThreadScheduler.parallelism";
  static final int PER_CORE = 4;

  private VirtualThreadCarriers() {
  }

  static void applyDefault() {
    applyDefault(System.getProperties(), Runtime.getRuntime().availableProcessors());
  }

  static void applyDefault(Properties properties, int cores) {
    if (properties.getProperty(PROPERTY) == null) {
      properties.setProperty(PROPERTY, Integer.toString(PER_CORE * cores));
    }
  }
}
