package org.strongroom.accounts.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.accounts.AccountsProperties;

class PasswordChecksTests {

  static AccountsProperties maxConcurrent(int n) {
    return new AccountsProperties(null, null, null, new AccountsProperties.PasswordHashing(n), null, null);
  }

  /** An encoder that records how many hashes run at once. */
  static final class SlowEncoder implements PasswordEncoder {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();

    @Override
    public String encode(CharSequence raw) {
      return "hash:" + raw;
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      peak.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50); // the slow hash itself, so that checks overlap; nothing is awaited
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      return encoded.equals("hash:" + raw);
    }
  }

  @Test
  void aFloodOfLoginsRunsAtMostNHashesAtOnce() throws InterruptedException {
    SlowEncoder encoder = new SlowEncoder();
    PasswordChecks checks = new PasswordChecks(encoder, maxConcurrent(2));
    CountDownLatch done = new CountDownLatch(12);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Thread thread = new Thread(() -> {
        checks.matches("guess", "hash:secret");
        done.countDown();
      });
      thread.start();
      threads.add(thread);
    }
    done.await();
    assertThat(encoder.peak.get()).isEqualTo(2);
    assertThat(checks.availablePermits()).isEqualTo(2);
  }

  @Test
  void anUnknownUserIsCheckedAgainstADummyHashAndNeverMatches() {
    SlowEncoder encoder = new SlowEncoder();
    PasswordChecks checks = new PasswordChecks(encoder, maxConcurrent(1));
    int before = encoder.peak.get();
    assertThat(checks.matches("anything", null)).isFalse();
    assertThat(encoder.peak.get()).isGreaterThan(before);
    assertThat(checks.matches("secret", "hash:secret")).isTrue();
  }
}
