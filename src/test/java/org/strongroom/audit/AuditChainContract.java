package org.strongroom.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.core.AuditEvent;

/**
 * Attacks on the audit chain: an edited row, a deleted row (in the middle and at the end), a
 * row re-hashed to hide an edit, a whole chain rewritten, an edited or deleted file line —
 * each is detected and the first broken entry named. Each test restores what it broke, so
 * the chain is intact again afterwards. Run on H2 and on PostgreSQL.
 */
abstract class AuditChainContract {

  @Autowired
  ApplicationEventPublisher events;
  @Autowired
  AuditVerifier verifier;
  @Autowired
  AuditStore store;
  @Autowired
  AuditFile file;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactionManager;
  @Autowired
  DataSource dataSource;

  @BeforeEach
  void atLeastFiveEntries() {
    assertThat(verifier.verify(true).intact()).as("the chain starts each test intact").isTrue();
    for (int i = 0; i < 5; i++) {
      publish("test.event", Map.of("n", Integer.toString(i)));
    }
  }

  @Test
  void anIntactChainPassesInTheDatabaseAndTheFile() throws Exception {
    AuditVerification result = verifier.verify(true);

    long last = store.head().lastId();
    assertThat(result.intact()).isTrue();
    assertThat(result.entries()).isEqualTo(last);
    assertThat(result.headHash()).isEqualTo(store.head().lastHash()).hasSize(64);
    assertThat(Files.readAllLines(file.path())).hasSize((int) last);
  }

  @Test
  void anEditedRowIsNamed() {
    String original = outcomeOf(2);
    jdbc.sql("update audit_log set outcome = 'failure' where id = 2").update();

    AuditVerification result = verifier.verify(false);
    assertThat(result.intact()).isFalse();
    assertThat(result.brokenEntry()).isEqualTo(2L);
    assertThat(result.problem()).contains("entry 2 does not match its hash");

    jdbc.sql("update audit_log set outcome = :o where id = 2").param("o", original).update();
    assertThat(verifier.verify(true).intact()).isTrue();
  }

  @Test
  void anEditedRowWithARecomputedHashBreaksTheNextLinkAndDiffersFromTheFile() {
    AuditEntry original = store.find(2).orElseThrow();
    AuditEntry forged = AuditEntry.chained(2, original.time(), 999L, "203.0.113.66", original.action(),
        original.target(), original.outcome(), original.details(), original.prevHash());
    replace(forged);

    AuditVerification databaseOnly = verifier.verify(false);
    assertThat(databaseOnly.brokenEntry()).isEqualTo(3L);
    assertThat(databaseOnly.problem()).contains("entry 3 does not follow entry 2");
    AuditVerification withFile = verifier.verify(true);
    assertThat(withFile.brokenEntry()).isEqualTo(2L);
    assertThat(withFile.problem()).contains("entry 2 differs between the database and the file");

    replace(original);
    assertThat(verifier.verify(true).intact()).isTrue();
  }

  @Test
  void aDeletedRowIsNamed() {
    AuditEntry removed = store.find(3).orElseThrow();
    jdbc.sql("delete from audit_log where id = 3").update();

    for (boolean withFile : new boolean[] {false, true}) {
      AuditVerification result = verifier.verify(withFile);
      assertThat(result.intact()).isFalse();
      assertThat(result.brokenEntry()).isEqualTo(3L);
      assertThat(result.problem()).contains("entry 3 is missing");
    }

    store.insert(removed);
    assertThat(verifier.verify(true).intact()).isTrue();
  }

  @Test
  void aDeletedLastRowIsNamed() {
    long last = store.head().lastId();
    AuditEntry removed = store.find(last).orElseThrow();
    jdbc.sql("delete from audit_log where id = :id").param("id", last).update();

    AuditVerification result = verifier.verify(false);
    assertThat(result.brokenEntry()).isEqualTo(last);
    assertThat(result.problem()).contains("entry " + last + " is missing (the chain head says");

    store.insert(removed);
    assertThat(verifier.verify(true).intact()).isTrue();
  }

  @Test
  void aWholeChainRewrittenInTheDatabaseIsCaughtByTheFile() {
    List<AuditEntry> originals = store.page(0, Long.MAX_VALUE, 100_000);
    AuditStore.Head originalHead = store.head();
    String prev = AuditEntry.GENESIS;
    List<AuditEntry> forged = new ArrayList<>();
    for (AuditEntry e : originals) {
      AuditEntry f = AuditEntry.chained(e.id(), e.time(), e.id() == 1 ? Long.valueOf(4242) : e.actorUserId(),
          e.clientAddress(), e.action(), e.target(), e.outcome(), e.details(), prev);
      forged.add(f);
      prev = f.hash();
    }
    rewrite(forged, new AuditStore.Head(originalHead.lastId(), prev));

    assertThat(verifier.verify(false).intact()).as("a consistent rewrite passes the database check alone").isTrue();
    AuditVerification result = verifier.verify(true);
    assertThat(result.brokenEntry()).isEqualTo(1L);
    assertThat(result.problem()).contains("differs between the database and the file");

    rewrite(originals, originalHead);
    assertThat(verifier.verify(true).intact()).isTrue();
  }

  @Test
  void anEditedOrDeletedFileLineIsNamed() throws Exception {
    List<String> lines = Files.readAllLines(file.path(), StandardCharsets.UTF_8);
    try {
      List<String> edited = new ArrayList<>(lines);
      edited.set(1, edited.get(1).replace("\"success\"", "\"failure\""));
      Files.write(file.path(), edited, StandardCharsets.UTF_8);
      AuditVerification afterEdit = verifier.verify(true);
      assertThat(afterEdit.brokenEntry()).isEqualTo(2L);
      assertThat(afterEdit.problem()).contains("file: entry 2 does not match its hash");

      List<String> shortened = new ArrayList<>(lines);
      shortened.remove(3);
      Files.write(file.path(), shortened, StandardCharsets.UTF_8);
      AuditVerification afterDelete = verifier.verify(true);
      assertThat(afterDelete.brokenEntry()).isEqualTo(4L);
      assertThat(afterDelete.problem()).contains("file: entry 4 is missing");

      Files.write(file.path(), lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
      AuditVerification afterTruncation = verifier.verify(true);
      assertThat(afterTruncation.brokenEntry()).isEqualTo((long) lines.size());
      assertThat(afterTruncation.problem()).contains("in the database but missing from the file");
    } finally {
      Files.write(file.path(), lines, StandardCharsets.UTF_8);
    }
    assertThat(verifier.verify(true).intact()).isTrue();
  }

  @Test
  void concurrentWritersFormOneUnbrokenChain() throws Exception {
    long before = store.head().lastId();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 20; i++) {
            publish("test.concurrent", Map.of("thread", Integer.toString(thread), "n", Integer.toString(i)));
          }
        }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(store.head().lastId()).isEqualTo(before + 160);
    AuditVerification result = verifier.verify(true);
    assertThat(result.problem()).isNull();
    assertThat(result.entries()).isEqualTo(before + 160);
  }

  @Test
  void anEntryOutlivesTheRollbackOfTheCallersTransaction() {
    long before = store.head().lastId();

    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      publish("login.failure", Map.of("reason", "bad-password"));
      status.setRollbackOnly();
    });

    assertThat(store.head().lastId()).isEqualTo(before + 1);
    assertThat(store.find(before + 1)).hasValueSatisfying(e -> assertThat(e.action()).isEqualTo("login.failure"));
  }

  /** Every application connection is held by a transaction that then writes an entry. */
  @Test
  void aFullApplicationPoolCannotDeadlockTheAuditLog() throws Exception {
    int poolSize = ((HikariDataSource) dataSource).getMaximumPoolSize();
    CyclicBarrier allHoldingConnections = new CyclicBarrier(poolSize);
    ExecutorService pool = Executors.newFixedThreadPool(poolSize);
    try {
      List<Future<?>> callers = new ArrayList<>();
      for (int i = 0; i < poolSize; i++) {
        callers.add(pool.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
          jdbc.sql("select count(*) from audit_chain_head").query(Long.class).single();
          try {
            allHoldingConnections.await(20, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          publish("record.update", Map.of());
        })));
      }
      for (Future<?> caller : callers) {
        caller.get(25, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(verifier.verify(true).intact()).isTrue();
  }

  @Test
  void secretsInDetailsAreNeverStored() throws Exception {
    String token = "sr_" + "A1b2C3d4E5".repeat(4) + "zz9Xy8";
    Map<String, String> details = new HashMap<>();
    details.put("password", "hunter2-correct-horse");
    details.put("new_password", "another-secret-pass");
    details.put("totp_seed", "JBSWY3DPEHPK3PXP");
    details.put("token", "opaque-value-1");
    details.put("note", "called with " + token + " and Bearer eyJhbGciOi.secret");
    details.put("reason", "locked");
    publish("test.secrets", details);

    AuditEntry entry = store.find(store.head().lastId()).orElseThrow();
    assertThat(entry.details()).containsEntry("password", AuditSanitizer.REDACTED)
        .containsEntry("new_password", AuditSanitizer.REDACTED).containsEntry("totp_seed", AuditSanitizer.REDACTED)
        .containsEntry("token", AuditSanitizer.REDACTED).containsEntry("reason", "locked");
    String everything = String.join("\n", jdbc.sql("select details from audit_log").query(String.class).list())
        + Files.readString(file.path());
    for (String secret : List.of("hunter2", "another-secret", "JBSWY3DPEHPK3PXP", "opaque-value-1", token,
        "eyJhbGciOi")) {
      assertThat(everything).doesNotContain(secret);
    }
  }

  @Test
  void controlCharactersCannotForgeFileLines() throws Exception {
    long linesBefore = Files.readAllLines(file.path()).size();
    publish("test.injection", Map.of("note", "x\n{\"id\":999,\"action\":\"forged\"}\r\u0000\u001b[31m"));

    List<String> lines = Files.readAllLines(file.path());
    assertThat(lines).hasSize((int) linesBefore + 1);
    assertThat(lines.get(lines.size() - 1)).doesNotContain("\n").doesNotContain("\u001b");
    assertThat(verifier.verify(true).intact()).isTrue();
  }

  private void publish(String action, Map<String, String> details) {
    events.publishEvent(new AuditEvent(action, 1L, "192.0.2.10", "record:k3x9p-7q2m0", "success", details));
  }

  private String outcomeOf(long id) {
    return jdbc.sql("select outcome from audit_log where id = :id").param("id", id).query(String.class).single();
  }

  private void replace(AuditEntry entry) {
    jdbc.sql("delete from audit_log where id = :id").param("id", entry.id()).update();
    store.insert(entry);
  }

  private void rewrite(List<AuditEntry> entries, AuditStore.Head head) {
    jdbc.sql("delete from audit_log").update();
    entries.forEach(store::insert);
    jdbc.sql("update audit_chain_head set last_id = :id, last_hash = :hash where id = 1")
        .param("id", head.lastId()).param("hash", head.lastHash()).update();
  }
}
