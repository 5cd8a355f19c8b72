package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.StrongroomApplication;
import org.strongroom.files.S3ProxyServer;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretsProperties;
import org.strongroom.support.ApiClient;
import org.strongroom.support.ServeProcess;
import org.strongroom.support.TestUsers;
import picocli.CommandLine;

/**
 * {@code instance migrate-secret-key} re-seals the sealed secrets of the configuration under
 * the new key, as it re-encrypts the database's: an OpenID Connect client secret and the LDAP
 * bind password written in {@code strongroom.yml} are replaced there (nothing else in the file
 * changes), and one set outside the file is printed for the operator to replace. The secrets
 * themselves are never printed.
 */
class SealedSettingsMigrationIntegrationTests {

  record Result(int exit, String out, String err) {}

  static final String PURPOSE = "sso-oidc-client-secret";

  @TempDir
  Path temp;

  Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    java.io.InputStream originalIn = System.in;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      CommandLine cli = StrongroomCli.commandLine();
      cli.setOut(new PrintWriter(System.out, true));
      cli.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
      int exit = cli.execute(args);
      return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setIn(originalIn);
    }
  }

  static SecretBox box(String key) {
    return new SecretBox(new SecretKeyRing(new SecretsProperties(key, List.of())));
  }

  static String open(String key, String sealed) {
    return new String(box(key).open(PURPOSE, sealed), StandardCharsets.UTF_8);
  }

  @Test
  void clientSecretsAndTheBindPasswordAreResealedInTheConfigurationFile() throws Exception {
    Path instance = temp.resolve("instance");
    assertThat(run("", "setup", "--instance", instance.toString()).exit()).isZero();
    String oldKey = Files.readString(instance.resolve("secret.key")).strip();
    String clientSecret = run("the corp client secret\n", "sso", "seal-secret", "--instance", instance.toString())
        .out().strip();
    String bindPassword = run("the directory bind password\n", "sso", "seal-secret", "--instance",
        instance.toString()).out().strip();
    String elsewhere = run("a secret set outside the file\n", "sso", "seal-secret", "--instance",
        instance.toString()).out().strip();
    assertThat(open(oldKey, clientSecret)).isEqualTo("the corp client secret");

    // Step 2 of the rotation: the new key is current, the old one a fallback.
    String newKey = run("", "instance", "gen-secret-key").out().strip();
    Path oldKeyFile = temp.resolve("old.key");
    Files.writeString(oldKeyFile, oldKey + "\n");
    Files.writeString(instance.resolve("secret.key"), newKey + "\n");
    Path config = instance.resolve("strongroom.yml");
    String yaml = """
        # Single sign-on (kept as written by the operator)
        strongroom:
          secret-key-fallbacks: [%s]
          sso:
            oidc:
              corp:
                issuer-uri: http://127.0.0.1:1/corp   # unreachable: the provider is only unavailable
                client-id: strongroom
                client-secret-sealed: %s
            ldap:
              url: ldap://127.0.0.1:1/dc=example,dc=org
              user-dn-pattern: uid={0},ou=people
              manager-dn: cn=reader,dc=example,dc=org
              manager-password-sealed: "%s"
        """.formatted(oldKey, clientSecret, bindPassword);
    Files.writeString(config, yaml);
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
    System.setProperty("strongroom.sso.oidc.outside.issuer-uri", "http://127.0.0.1:1/outside");
    System.setProperty("strongroom.sso.oidc.outside.client-id", "strongroom");
    System.setProperty("strongroom.sso.oidc.outside.client-secret-sealed", elsewhere);
    Result result;
    try {
      result = run("", "instance", "migrate-secret-key", "--instance", instance.toString(), "--old-key-file",
          oldKeyFile.toString());
    } finally {
      System.clearProperty("strongroom.sso.oidc.outside.issuer-uri");
      System.clearProperty("strongroom.sso.oidc.outside.client-id");
      System.clearProperty("strongroom.sso.oidc.outside.client-secret-sealed");
    }
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("strongroom.sso.oidc.corp.client-secret-sealed: re-sealed in " + config)
        .contains("strongroom.sso.ldap.manager-password-sealed: re-sealed in " + config)
        .contains("strongroom.sso.oidc.outside.client-secret-sealed: not set in " + config)
        .contains("Re-encrypted 3 secrets");
    assertThat(result.out() + result.err()).doesNotContain("the corp client secret")
        .doesNotContain("the directory bind password").doesNotContain("a secret set outside the file")
        .doesNotContain(oldKey).doesNotContain(newKey);

    String after = Files.readString(config);
    assertThat(after).doesNotContain(clientSecret).doesNotContain(bindPassword)
        .contains("# Single sign-on (kept as written by the operator)")
        .contains("# unreachable: the provider is only unavailable");
    assertThat(after.replaceAll("client-secret-sealed: \\S+", "").replaceAll("manager-password-sealed: \"\\S+\"", ""))
        .isEqualTo(yaml.replaceAll("client-secret-sealed: \\S+", "").replaceAll("manager-password-sealed: \"\\S+\"", ""));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-r-----");
    String resealedClient = value(after, "client-secret-sealed: ");
    String resealedBind = value(after, "manager-password-sealed: \"").replace("\"", "");
    // Under the new key alone, no fallback needed.
    assertThat(open(newKey, resealedClient)).isEqualTo("the corp client secret");
    assertThat(open(newKey, resealedBind)).isEqualTo("the directory bind password");
    String printed = result.out().lines().filter(l -> l.startsWith("strongroom.sso.oidc.outside"))
        .findFirst().orElseThrow();
    assertThat(open(newKey, printed.substring(printed.lastIndexOf(' ') + 1))).isEqualTo("a secret set outside the file");

    // A second run finds them under the current key.
    Result again = run("", "instance", "migrate-secret-key", "--instance", instance.toString(), "--old-key-file",
        oldKeyFile.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("strongroom.sso.oidc.corp.client-secret-sealed: already under the current key");
    assertThat(Files.readString(config)).isEqualTo(after);
  }

  /**
   * The S3 secret access key sealed in {@code strongroom.yml}: re-sealed in place under the new
   * key, after which the old key is retired (no fallback) and a file stored in the bucket before
   * the rotation is still read back, and a new one written, by the server.
   */
  @Test
  void theS3SecretIsResealedAndTheFilesStayReadableOnceTheOldKeyIsRetired() throws Exception {
    Path instance = temp.resolve("s3-instance");
    InstanceLayout layout = ServeProcess.prepare(instance);
    String bucket = "strongroom-reseal-" + UUID.randomUUID().toString().substring(0, 8);
    S3ProxyServer.createBucket(bucket);
    String oldKey = Files.readString(layout.secretKey()).strip();
    Result sealed = run(S3ProxyServer.SECRET_KEY + "\n", "storage", "seal-secret", "--instance", instance.toString());
    assertThat(sealed.exit()).as(sealed.err()).isZero();
    String sealedSecret = sealed.out().strip();
    Path config = layout.config();
    Files.writeString(config, S3ProxyServer.storageSettings(bucket, sealedSecret));
    assertThat(run(TestUsers.PASSWORD + "\n", "users", "create", "s3owner@example.org", "--password-stdin",
        "--instance", instance.toString()).exit()).isZero();
    String token = run("", "tokens", "create", "-n", "files", "-u", "s3owner@example.org", "--instance",
        instance.toString()).out().strip();
    byte[] before = "stored before the rotation\n".getBytes(StandardCharsets.UTF_8);
    String record;
    try (ConfigurableApplicationContext server = serve(instance)) {
      ApiClient api = new ApiClient(server.getEnvironment());
      HttpResponse<String> created = api.post("/api/records/",
          "{\"metadata\": {\"title\": \"Rotation\"}, \"access\": {\"record\": \"public\"}}",
          "Authorization", "Bearer " + token);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      record = ApiClient.json(created).path("id").asString();
      assertThat(put(api, token, record, "before.txt", before).statusCode()).isEqualTo(201);
    }

    String newKey = run("", "instance", "gen-secret-key").out().strip();
    Path oldKeyFile = temp.resolve("s3-old.key");
    Files.writeString(oldKeyFile, oldKey + "\n");
    Files.writeString(layout.secretKey(), newKey + "\n");
    Files.writeString(config, "strongroom:\n  secret-key-fallbacks: [" + oldKey + "]\n"
        + Files.readString(config).substring("strongroom:\n".length()));
    Result result = run("", "instance", "migrate-secret-key", "--instance", instance.toString(), "--old-key-file",
        oldKeyFile.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("strongroom.storage.s3.secret-access-key-sealed: re-sealed in " + config);
    assertThat(result.out() + result.err()).doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(oldKey)
        .doesNotContain(newKey);
    String resealed = value(Files.readString(config), "secret-access-key-sealed: ").replace("\"", "");
    assertThat(resealed).isNotEqualTo(sealedSecret);
    assertThat(new String(box(newKey).open("storage-s3", resealed), StandardCharsets.UTF_8))
        .isEqualTo(S3ProxyServer.SECRET_KEY);
    assertThatThrownBy(() -> box(oldKey).open("storage-s3", resealed)).isNotNull();

    // Step 3 of the rotation: the old key is retired; the server opens the bucket with the new one alone.
    Files.writeString(config, S3ProxyServer.storageSettings(bucket, resealed));
    try (ConfigurableApplicationContext server = serve(instance)) {
      ApiClient api = new ApiClient(server.getEnvironment());
      HttpResponse<String> read = api.get("/api/records/" + record + "/files/before.txt/content",
          "Authorization", "Bearer " + token);
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.body()).isEqualTo("stored before the rotation\n");
      assertThat(put(api, token, record, "after.txt", "stored after\n".getBytes(StandardCharsets.UTF_8))
          .statusCode()).isEqualTo(201);
      assertThat(api.get("/api/records/" + record + "/files/after.txt/content", "Authorization",
          "Bearer " + token).body()).isEqualTo("stored after\n");
    }
  }

  static ConfigurableApplicationContext serve(Path instance) {
    return new SpringApplicationBuilder(StrongroomApplication.class).web(WebApplicationType.SERVLET)
        .run("--strongroom.instance=" + instance, "--server.port=0", "--logging.threshold.console=WARN");
  }

  static HttpResponse<String> put(ApiClient api, String token, String record, String name, byte[] body) {
    return api.send(ApiClient.withHeaders(api.request("/api/records/" + record + "/files/" + name),
        "Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  static String value(String yaml, String prefix) {
    int start = yaml.indexOf(prefix) + prefix.length();
    int end = start;
    while (end < yaml.length() && !Character.isWhitespace(yaml.charAt(end))) {
      end++;
    }
    return yaml.substring(start, end);
  }
}
