import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Cost of one Argon2id check with Strongroom's parameters (accounts/password/PasswordHashing: 16-byte
 * salt, 32-byte hash, p=1, m=19 MiB, t=4; other values as arguments), alone and with N checks at once (the login gate
 * strongroom.security.password-hashing.max-concurrent defaults to the number of cores).
 */
public class PasswordHashingBench {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int memoryKib = args.length > 1 ? Integer.parseInt(args[1]) : 19 * 1024;
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    System.out.printf("Argon2id m=%d KiB, t=%d, p=1%n", memoryKib, iterations);
    Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations);
    String hash = encoder.encode("benchmark password 1234");
    for (int i = 0; i < 10; i++) {
      encoder.matches("warm-up " + i, hash);
    }
    List<Double> single = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      encoder.matches("guess " + i, hash);
      single.add((System.nanoTime() - start) / 1e6);
    }
    report("1 at a time", single);
    int cores = Runtime.getRuntime().availableProcessors();
    for (int parallel : new int[] {cores, cores * 4}) {
      ExecutorService pool = Executors.newFixedThreadPool(parallel);
      List<Future<Double>> futures = new ArrayList<>();
      long wall = System.nanoTime();
      for (int i = 0; i < rounds; i++) {
        int n = i;
        futures.add(pool.submit(() -> {
          long start = System.nanoTime();
          encoder.matches("guess " + n, hash);
          return (System.nanoTime() - start) / 1e6;
        }));
      }
      List<Double> times = new ArrayList<>();
      for (Future<Double> f : futures) {
        times.add(f.get());
      }
      double seconds = (System.nanoTime() - wall) / 1e9;
      pool.shutdown();
      report(parallel + " at a time", times);
      System.out.printf("  throughput %.1f checks/s%n", rounds / seconds);
    }
  }

  static void report(String label, List<Double> times) {
    List<Double> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    System.out.printf("%-14s median %.1f ms   p90 %.1f ms   (%d checks)%n", label,
        sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)), sorted.size());
  }
}
