package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.support.ApiClient;
import org.strongroom.support.RequiresPostgres;
import org.strongroom.support.ServeProcess;
import org.strongroom.support.TestUsers;

/**
 * Backup and restore on PostgreSQL: the backup is taken while the instance serves; the restore
 * goes into the empty database that the new folder's own strongroom.yml names, and refuses the
 * backed-up instance's database, which the backup's strongroom.yml names.
 */
@RequiresPostgres
class BackupRestorePostgresIntegrationTests {

  @TempDir
  Path folder;

  @Test
  void aBackupOfAPostgresInstanceRestoresIntoAnotherDatabaseWithEveryRowAndFile() throws Exception {
    InstanceLayout original = ServeProcess.prepare(folder.resolve("original"));
    PostgresInstanceConfig.useFreshSchema(original, "backup_original");
    byte[] content = "a file kept in a PostgreSQL-backed instance\n".getBytes(StandardCharsets.UTF_8);
    String token;
    String record;
    Path backup = folder.resolve("backup");
    int port = ServeProcess.freePort();
    try (ConfigurableApplicationContext server = SpringContexts.withWebServer(original, port)) {
      assertThat(BackupRestoreIntegrationTests.cli(original, TestUsers.PASSWORD + "\n", "users", "create",
          "pg@example.org", "--password-stdin").exit()).isZero();
      token = BackupRestoreIntegrationTests.cli(original, "", "tokens", "create", "-n", "pg", "-u", "pg@example.org",
          "--scopes", "records:read,records:write,files:read,files:write,user:read").out().strip();
      ApiClient api = BackupRestoreIntegrationTests.client(port);
      HttpResponse<String> created = api.post("/api/records/", "{\"metadata\": {\"title\": \"Kept\", \"keywords\": "
          + "[\"alpha\"]}, \"access\": {\"record\": \"public\"}}", bearer(token));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      record = json(created).path("id").asString();
      HttpResponse<String> uploaded = api.send(ApiClient.withHeaders(api.request("/api/records/" + record
          + "/files/notes.txt"), bearer(token)).PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build());
      assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);

      CommandLineRun.Result result = BackupRestoreIntegrationTests.cli(original, "", "backup", "--to", backup.toString());
      assertThat(result.exit()).as(result.err()).isZero();
    }

    // Into the backed-up instance's own database (named by the backup's strongroom.yml): refused.
    Path careless = folder.resolve("careless");
    CommandLineRun.Result refused = CommandLineRun.run("", "restore", "--from", backup.toString(),
        "--instance", careless.toString(), "--force");
    assertThat(refused.exit()).isEqualTo(Failures.CONFIGURATION);
    assertThat(refused.err()).contains("strongroom.database.url").contains("already holds tables");
    assertThat(careless).doesNotExist();

    InstanceLayout restored = new InstanceLayout(folder.resolve("restored"));
    Files.createDirectories(restored.root());
    PostgresInstanceConfig.useFreshSchema(restored, "backup_restored");
    CommandLineRun.Result result = CommandLineRun.run("", "restore", "--from", backup.toString(),
        "--instance", restored.root().toString());
    assertThat(result.exit()).as(result.err()).isZero();

    try (Connection was = DriverManager.getConnection(RequiresPostgres.URL_PREFIX + "backup_original", "postgres", "");
        Connection now = DriverManager.getConnection(RequiresPostgres.URL_PREFIX + "backup_restored", "postgres", "")) {
      for (String table : new String[] {"users", "tokens", "records", "record_keywords", "files", "audit_log",
          "audit_chain_head"}) {
        String key = table.equals("record_keywords") ? "keyword" : table.equals("audit_chain_head") ? "id"
            : "id";
        Map<String, Map<String, Object>> rows = BackupRestoreIntegrationTests.rows(now, "select * from " + table, key);
        assertThat(rows).as(table).isEqualTo(BackupRestoreIntegrationTests.rows(was, "select * from " + table, key));
      }
      // Search's postings and counts (real scores included) come back as they were.
      for (String derived : new String[] {
          "select term || ' ' || viewer || ' ' || record_id as k, score, created from search_postings",
          "select facet || ' ' || viewer || ' ' || bucket as k, records from search_facet_counts",
          "select term || ' ' || viewer as k, records from search_term_counts",
          "select concat_ws(' ', term, viewer, facet, bucket) as k, records from search_term_facets",
          "select concat_ws(' ', term, viewer, block) as k, encode(entries, 'hex') as e from search_word_sets",
          "select number::text as k, record_id, created from search_numbers"}) {
        Map<String, Map<String, Object>> rows = BackupRestoreIntegrationTests.rows(now, derived, "k");
        assertThat(rows).as(derived).isNotEmpty().isEqualTo(BackupRestoreIntegrationTests.rows(was, derived, "k"));
      }
    }
    assertThat(CommandLineRun.run("", "audit", "verify", "--instance", restored.root().toString()).exit()).isZero();

    Files.copy(new InstanceLayout(folder.resolve("original")).tlsCertificate(), restored.tlsCertificate(),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(new InstanceLayout(folder.resolve("original")).tlsPrivateKey(), restored.tlsPrivateKey(),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    int restoredPort = ServeProcess.freePort();
    try (ConfigurableApplicationContext server = SpringContexts.withWebServer(restored, restoredPort)) {
      ApiClient api = BackupRestoreIntegrationTests.client(restoredPort);
      assertThat(api.get("/api/me", bearer(token)).statusCode()).isEqualTo(200);
      assertThat(json(api.get("/api/records/?q=kept")).path("hits").path("total").asInt()).isEqualTo(1);
      HttpResponse<byte[]> file = api.http().send(api.request("/api/records/" + record + "/files/notes.txt/content")
          .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(file.body()).isEqualTo(content);
      // The search index came back with the rows.
      assertThat(api.get("/api/records/?q=kept").body()).contains(record);
      assertThat(api.get("/api/records/?q=kept+alpha").body()).contains(record);
      // New rows take ids after the restored ones; a new record its own search number.
      assertThat(BackupRestoreIntegrationTests.cli(restored, TestUsers.PASSWORD + "\n", "users", "create",
          "second@example.org", "--password-stdin").exit()).isZero();
      HttpResponse<String> after = api.post("/api/records/", "{\"metadata\": {\"title\": \"Kept after\", \"keywords\": "
          + "[\"alpha\"]}, \"access\": {\"record\": \"public\"}}", bearer(token));
      assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
      assertThat(json(api.get("/api/records/?q=kept+alpha")).path("hits").path("total").asInt()).isEqualTo(2);
    }
  }
}
