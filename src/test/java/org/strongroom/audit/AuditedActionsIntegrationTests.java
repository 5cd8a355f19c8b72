package org.strongroom.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.accounts.Accounts;
import org.strongroom.core.Caller;
import org.strongroom.core.Scope;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;
import org.strongroom.tokens.AccessTokens;
import org.strongroom.tokens.OperatorTokens;

import java.net.http.HttpResponse;

/**
 * The features publish what changes: record create/update/delete, token create/revoke, a
 * token used from a new address, user creation — each with actor, client address, target
 * and outcome; superuser actions are marked; and no token or password reaches the log.
 */
@IntegrationTest
@TestPropertySource(properties = "strongroom.audit.file=target/audit-tests/${random.uuid}/audit.jsonl")
class AuditedActionsIntegrationTests {

  static final String RECORD = """
      {"metadata": {"title": "Audited"}, "access": {"record": "public"}}""";

  @Autowired
  ApiClient api;
  @Autowired
  TestUsers users;
  @Autowired
  Accounts accounts;
  @Autowired
  OperatorTokens tokens;
  @Autowired
  AccessTokens authentication;
  @Autowired
  AuditStore store;
  @Autowired
  AuditFile file;
  @Autowired
  AuditVerifier verifier;
  @Autowired
  JdbcClient jdbc;

  @AfterEach
  void clearCaller() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void recordChangesAreAuditedWithActorAddressAndTarget() {
    TestUsers.User owner = users.user();
    HttpResponse<String> created = api.post("/api/records/", RECORD, ApiClient.bearer(owner.token()));
    assertThat(created.statusCode()).isEqualTo(201);
    String id = ApiClient.json(created).path("id").asString();
    assertThat(api.put("/api/records/" + id, RECORD, concat(ApiClient.bearer(owner.token()), "If-Match", "W/\"1\""))
        .statusCode()).isEqualTo(200);
    assertThat(api.delete("/api/records/" + id, ApiClient.bearer(owner.token())).statusCode()).isEqualTo(204);

    List<AuditEntry> entries = entriesFor("record:" + id);
    assertThat(entries).extracting(AuditEntry::action).containsExactly("record.create", "record.update", "record.delete");
    assertThat(entries).allSatisfy(entry -> {
      assertThat(entry.actorUserId()).isEqualTo(owner.id());
      assertThat(entry.clientAddress()).isEqualTo("127.0.0.1");
      assertThat(entry.outcome()).isEqualTo("success");
      assertThat(entry.details()).doesNotContainKey("superuser");
    });
    assertThat(entries.get(1).details()).containsEntry("revision", "2").containsEntry("access", "public");
    assertThat(verifier.verify(true).intact()).isTrue();
  }

  @Test
  void aRefusedChangeLeavesNoEntry() {
    TestUsers.User owner = users.user();
    TestUsers.User other = users.user();
    String id = ApiClient.json(api.post("/api/records/", RECORD, ApiClient.bearer(owner.token()))).path("id").asString();

    assertThat(api.delete("/api/records/" + id, ApiClient.bearer(other.token())).statusCode()).isIn(403, 404);
    assertThat(api.put("/api/records/" + id, RECORD, concat(ApiClient.bearer(owner.token()), "If-Match", "W/\"7\""))
        .statusCode()).isEqualTo(412);

    assertThat(entriesFor("record:" + id)).extracting(AuditEntry::action).containsExactly("record.create");
  }

  @Test
  void aChangeThatCannotBeAuditedDoesNotHappen() throws Exception {
    TestUsers.User owner = users.user();
    api.get("/api/records/", ApiClient.bearer(owner.token())); // its first use is audited now, not below
    long entriesBefore = store.head().lastId();
    long recordsBefore = jdbc.sql("select count(*) from records").query(Long.class).single();
    java.nio.file.Path audit = file.path();
    java.nio.file.Path saved = audit.resolveSibling("audit.jsonl.saved");
    Files.move(audit, saved);
    Files.createDirectory(audit); // the file can no longer be written
    try {
      HttpResponse<String> refused = api.post("/api/records/", RECORD, ApiClient.bearer(owner.token()));

      assertThat(refused.statusCode()).isEqualTo(500);
      assertThat(refused.body()).doesNotContain(audit.toString()).doesNotContain("audit.jsonl")
          .doesNotContain("Exception");
      assertThat(jdbc.sql("select count(*) from records").query(Long.class).single()).isEqualTo(recordsBefore);
      assertThat(store.head().lastId()).isEqualTo(entriesBefore);
    } finally {
      Files.delete(audit);
      Files.move(saved, audit);
    }
    assertThat(api.post("/api/records/", RECORD, ApiClient.bearer(owner.token())).statusCode()).isEqualTo(201);
    assertThat(verifier.verify(true).intact()).isTrue();
  }

  @Test
  void superuserActionsAreMarked() {
    TestUsers.User admin = users.superuser();
    // A superuser's token acts as a superuser only with the admin scope; without, it is ordinary work.
    String adminToken = users.token(admin.email(), java.util.EnumSet.allOf(Scope.class));
    String id = ApiClient.json(api.post("/api/records/", RECORD, ApiClient.bearer(adminToken))).path("id").asString();
    assertThat(entriesFor("record:" + id)).singleElement()
        .satisfies(entry -> assertThat(entry.details()).containsEntry("superuser", "true"));
    String ordinary = ApiClient.json(api.post("/api/records/", RECORD, ApiClient.bearer(admin.token()))).path("id").asString();
    assertThat(entriesFor("record:" + ordinary)).singleElement()
        .satisfies(entry -> assertThat(entry.details()).doesNotContainKey("superuser"));

    // A superuser acting in a request (as the token and account pages do): actor and mark come from the caller.
    TestUsers.User someone = users.user();
    actAs(admin);
    AccessTokens.Created token = tokens.create(someone.email(), "issued by admin", Scope.defaults(), null, List.of());
    assertThat(entriesFor("token:" + token.id())).singleElement().satisfies(entry -> {
      assertThat(entry.action()).isEqualTo("token.create");
      assertThat(entry.actorUserId()).isEqualTo(admin.id());
      assertThat(entry.details()).containsEntry("superuser", "true").containsEntry("owner", "user:" + someone.id());
    });
  }

  @Test
  void tokenCreationFirstUseNewAddressAndRevocationAreAudited() {
    TestUsers.User owner = users.user();
    AccessTokens.Created token = tokens.create(owner.email(), "ci", Set.of(Scope.RECORDS_READ),
        AccessTokens.DEFAULT_LIFETIME, List.of());

    assertThat(api.get("/api/records/", ApiClient.bearer(token.token())).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/records/", ApiClient.bearer(token.token())).statusCode()).isEqualTo(200);
    assertThat(authentication.authenticate(token.token(), "203.0.113.9")).isPresent();
    assertThat(tokens.revoke(token.id())).isTrue();
    assertThat(tokens.revoke(token.id())).isFalse();

    List<AuditEntry> entries = entriesFor("token:" + token.id());
    assertThat(entries).extracting(AuditEntry::action)
        .containsExactly("token.create", "token.new-address", "token.new-address", "token.revoke");
    assertThat(entries.get(0).details()).containsEntry("scopes", "records:read").containsEntry("name", "ci");
    assertThat(entries.get(1).details()).containsEntry("previous", "none");
    assertThat(entries.get(1).clientAddress()).isEqualTo("127.0.0.1");
    assertThat(entries.get(2).details()).containsEntry("previous", "127.0.0.1");
    assertThat(entries.get(2).clientAddress()).isEqualTo("203.0.113.9");
    assertThat(entries.get(2).actorUserId()).isEqualTo(owner.id());
  }

  @Test
  void aRefusedUseOfAKnownTokenIsAuditedWithItsReason() {
    TestUsers.User owner = users.user();
    AccessTokens.Created fenced = tokens.create(owner.email(), "fenced", Scope.defaults(),
        AccessTokens.DEFAULT_LIFETIME, List.of("10.0.0.0/8"));
    AccessTokens.Created revoked = tokens.create(owner.email(), "revoked", Scope.defaults(),
        AccessTokens.DEFAULT_LIFETIME, List.of());
    tokens.revoke(revoked.id());

    HttpResponse<String> outside = api.get("/api/records/", ApiClient.bearer(fenced.token()));
    HttpResponse<String> afterRevocation = api.get("/api/records/", ApiClient.bearer(revoked.token()));

    assertThat(outside.statusCode()).isEqualTo(401);
    assertThat(afterRevocation.statusCode()).isEqualTo(401);
    assertThat(outside.body()).isEqualTo(afterRevocation.body());
    assertThat(entriesFor("token:" + fenced.id())).last().satisfies(entry -> {
      assertThat(entry.action()).isEqualTo("token.refused");
      assertThat(entry.outcome()).isEqualTo("denied");
      assertThat(entry.details()).containsEntry("reason", "address-not-allowed");
      assertThat(entry.clientAddress()).isEqualTo("127.0.0.1");
    });
    assertThat(entriesFor("token:" + revoked.id())).last()
        .satisfies(entry -> assertThat(entry.details()).containsEntry("reason", "revoked"));
  }

  @Test
  void userCreationIsAudited() {
    TestUsers.User created = users.superuser();

    assertThat(entriesFor("user:" + created.id())).singleElement().satisfies(entry -> {
      assertThat(entry.action()).isEqualTo("user.create");
      assertThat(entry.details()).containsEntry("role", "superuser").containsEntry("email", created.email());
    });
  }

  @Test
  void noTokenOrPasswordReachesTheLog() throws Exception {
    TestUsers.User owner = users.user();
    AccessTokens.Created token = tokens.create(owner.email(), "secret-check", Scope.defaults(), null, List.of());
    api.get("/api/records/", ApiClient.bearer(token.token()));
    api.post("/api/records/", RECORD, ApiClient.bearer(owner.token()));

    String everything = String.join("\n", jdbc.sql("select * from audit_log").query()
        .listOfRows().stream().map(Object::toString).toList()) + Files.readString(file.path());
    assertThat(everything).doesNotContain(token.token()).doesNotContain(owner.token())
        .doesNotContain(TestUsers.PASSWORD).doesNotContain("sr_");
  }

  /** A signed-in user as a page handler sees them. */
  private record SignedIn(long userId, String email, boolean superuser) implements Caller {

    @Override
    public String authMethod() {
      return "session";
    }

    @Override
    public boolean hasScope(Scope scope) {
      return scope != Scope.ADMIN || superuser;
    }
  }

  private void actAs(TestUsers.User user) {
    var account = accounts.findById(user.id()).orElseThrow();
    var caller = new SignedIn(account.id(), account.email(), account.superuser());
    SecurityContextHolder.getContext().setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(caller, null, List.of()));
  }

  private List<AuditEntry> entriesFor(String target) {
    return store.page(0, Long.MAX_VALUE, 100_000).stream().filter(e -> target.equals(e.target())).toList();
  }

  private static String[] concat(String[] headers, String... more) {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
    System.arraycopy(more, 0, all, headers.length, more.length);
    return all;
  }
}
