package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.support.ApiClient;
import org.strongroom.support.Eventually;
import org.strongroom.support.ServeProcess;
import org.strongroom.support.TestUsers;

/**
 * The tutorial's order of things: {@code strongroom serve} runs (in a process of its own), and
 * beside it {@code users create} and {@code tokens create} change the instance it serves; the
 * new token then works over HTTPS against that server at once, and a revocation from the
 * command line ends it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandsBesideServerContract {

  @TempDir
  static Path folder;

  InstanceLayout layout;
  ServeProcess server;
  ApiClient api;

  /** Points the (prepared, not yet served) instance at the database under test. */
  abstract void useDatabase(InstanceLayout layout) throws Exception;

  @BeforeAll
  void serve() throws Exception {
    layout = ServeProcess.prepare(folder.resolve("instance"));
    useDatabase(layout);
    server = ServeProcess.start(layout);
    api = new ApiClient(new MockEnvironment().withProperty("local.server.port", Integer.toString(server.port())));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  CommandLineRun.Result cli(String stdin, String... args) {
    String[] withInstance = java.util.Arrays.copyOf(args, args.length + 2);
    withInstance[args.length] = "--instance";
    withInstance[args.length + 1] = layout.root().toString();
    return CommandLineRun.run(stdin, withInstance);
  }

  @Test
  void aUserAndATokenMadeBesideTheServerWorkAgainstItOverHttps() {
    CommandLineRun.Result user = cli(TestUsers.PASSWORD + "\n", "users", "create", "carol@example.org",
        "--password-stdin");
    assertThat(user.exit()).as(user.err()).isZero();
    assertThat(user.out()).contains("Created user carol@example.org");

    CommandLineRun.Result created = cli("", "tokens", "create", "-n", "beside the server", "-u", "carol@example.org",
        "--scopes", "records:read,records:write,user:read");
    assertThat(created.exit()).as(created.err()).isZero();
    String token = created.out().strip();
    assertThat(token).matches("sr_[0-9A-Za-z]{46}");

    HttpResponse<String> me = api.get("/api/me", bearer(token));
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
    assertThat(json(me).path("email").asString()).isEqualTo("carol@example.org");
    HttpResponse<String> record = api.post("/api/records/", "{\"metadata\": {\"title\": \"Made beside the CLI\"},"
        + " \"access\": {\"record\": \"public\"}}", bearer(token));
    assertThat(record.statusCode()).as(record.body()).isEqualTo(201);
    assertThat(api.get("/api/me").statusCode()).isEqualTo(401);

    CommandLineRun.Result list = cli("", "tokens", "list", "-u", "carol@example.org");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("beside the server").contains("active");
    String id = list.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    CommandLineRun.Result revoked = cli("", "tokens", "revoke", id);
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    // The server caches a token for at most a second (docs/api/authentication.md); then the revocation holds.
    Eventually.until(Duration.ofSeconds(10), "the revoked token to be refused",
        () -> api.get("/api/me", bearer(token)).statusCode() == 401);
  }

  @Test
  void readingCommandsRunBesideTheServerToo() {
    CommandLineRun.Result audit = cli("", "audit", "verify", "--database-only");
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("Audit chain intact");

    CommandLineRun.Result check = cli("", "instance", "check");
    assertThat(check.err()).doesNotContain("in use");
  }
}
