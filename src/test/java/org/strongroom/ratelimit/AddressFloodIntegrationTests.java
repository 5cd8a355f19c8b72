package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;

/**
 * A flood of 5,000 distinct (fake) client addresses arriving through a trusted proxy, over
 * real HTTPS: every one is a new anonymous bucket, and the in-memory store must stay within its
 * cap (250 here) instead of growing with the flood. What is shown is the ratio: twenty times the
 * cap shows the bound as well as a larger flood would, so the cap is set low (the smallest
 * allowed is 100) and the flood is a quarter of the 20,000 requests a cap of 1,000 would need.
 */
@IntegrationTest
@TestPropertySource(properties = {
    "strongroom.trusted-proxies=1",
    "strongroom.rate-limits.anonymous=5/1m",
    "strongroom.rate-limits.in-memory-max-keys=" + AddressFloodIntegrationTests.CAP})
class AddressFloodIntegrationTests {

  static final int CAP = 250;
  static final int ADDRESSES = 20 * CAP;

  @Autowired
  ApiClient api;

  @Autowired
  BucketStore buckets;

  @Test
  void aFloodOfTwentyTimesTheCapInAddressesKeepsTheStoreBounded() throws Exception {
    InMemoryBucketStore store = (InMemoryBucketStore) buckets;
    HttpClient client = HttpClient.newBuilder().sslContext(ApiClient.trustingTestCertificate())
        .version(HttpClient.Version.HTTP_2).build();
    Semaphore inFlight = new Semaphore(64);
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicInteger failures = new AtomicInteger();
    int maxSeen = 0;
    CompletableFuture<?>[] pending = new CompletableFuture<?>[ADDRESSES];
    for (int i = 0; i < ADDRESSES; i++) {
      inFlight.acquire();
      String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      pending[i] = client.sendAsync(api.request("/api/records/?size=1")
              .header("X-Forwarded-For", address).GET().build(), HttpResponse.BodyHandlers.discarding())
          .whenComplete((response, error) -> {
            inFlight.release();
            if (error != null) {
              failures.incrementAndGet();
            } else {
              statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            }
          });
      if (i % CAP == 0) {
        maxSeen = Math.max(maxSeen, store.size());
      }
    }
    CompletableFuture.allOf(pending).exceptionally(e -> null).join();

    assertThat(failures.get()).as("requests that failed to complete").isZero();
    // Each fake address is new, so each gets a fresh quota: all are served.
    assertThat(statuses.keySet()).containsExactly(200);
    assertThat(statuses.get(200).get()).isEqualTo(ADDRESSES);
    assertThat(Math.max(maxSeen, store.size())).isLessThanOrEqualTo(store.maxKeys()).isEqualTo(CAP);
  }
}
