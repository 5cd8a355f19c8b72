package org.strongroom.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import org.strongroom.core.Scope;
import org.strongroom.support.ApiClient;
import org.strongroom.support.PageSession;
import org.strongroom.support.TestInstance;
import org.strongroom.support.TestInstanceExtension;
import org.strongroom.support.TestSupportConfiguration;
import org.strongroom.support.TestUsers;

/**
 * After tokens have been created (command-line service and page), used, mistyped and revoked,
 * neither the instance folder (logs included) nor the database file holds any of them. The
 * database lives in its own file for this test so that it can be searched byte by byte.
 */
@ExtendWith(TestInstanceExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "strongroom.instance=" + TestInstance.FOLDER,
    "strongroom.database.url=jdbc:h2:file:./" + TokenGrepIntegrationTests.DATABASE_FOLDER + "/strongroom"})
@Import(TestSupportConfiguration.class)
class TokenGrepIntegrationTests {

  static final String DATABASE_FOLDER = "target/token-grep-db";
  private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\"[^>]*value=\"(sr_[0-9A-Za-z]+)\"");

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired AccessTokens tokens;
  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void emptyDatabaseFolder() throws IOException {
    FileSystemUtils.deleteRecursively(Path.of(DATABASE_FOLDER));
  }

  @Test
  void noTokenIsWrittenAnywhere() throws IOException {
    TestUsers.User alice = users.user();
    List<String> secrets = new ArrayList<>(List.of(alice.token()));
    AccessTokens.Created revoked = tokens.create(alice.email(), "to revoke", Scope.defaults(), Duration.ofDays(1), List.of());
    secrets.add(revoked.token());

    PageSession browser = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    var page = browser.postForm("/account/settings/applications",
        Map.of("name", "from the page", "scopes", "records:read", "expires", "30d"),
        PageSession.csrfField(browser.get("/account/settings/applications").body()));
    Matcher shown = NEW_TOKEN.matcher(page.body());
    assertThat(shown.find()).isTrue();
    secrets.add(shown.group(1));

    for (String token : secrets) {
      assertThat(api.get("/api/records/", bearer(token)).statusCode()).isEqualTo(200);
      api.post("/api/records/", "{\"metadata\": {\"title\": \"T\"}, \"access\": {\"record\": \"public\"}}", bearer(token));
      api.post("/api/records/", "{\"metadata\": {}}", bearer(token));
      api.get("/api/records/?q=" + token.substring(3, 20), bearer(token));
      String typo = token.substring(0, 20) + (token.charAt(20) == 'q' ? 'r' : 'q') + token.substring(21);
      api.get("/api/records/", bearer(typo));
      api.get("/api/records/", bearer(token + "x"));
    }
    tokens.revoke(revoked.id());
    assertThat(api.get("/api/records/", bearer(revoked.token())).statusCode()).isEqualTo(401);

    jdbc.sql("checkpoint sync").update();
    List<Path> files = new ArrayList<>();
    for (Path root : List.of(Path.of(TestInstance.FOLDER), Path.of(DATABASE_FOLDER))) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith(".mv.db"));
    assertThat(files).anySatisfy(f -> assertThat(f.toString()).endsWith("strongroom.log"));

    boolean hashFound = false;
    for (Path file : files) {
      String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String token : secrets) {
        // The random part alone, so that a token stored without its prefix is found too.
        assertThat(content).as("%s holds a token", file).doesNotContain(token.substring(3, 43));
        assertThat(content).as("%s holds a token", file).doesNotContain(token.substring(23));
      }
      hashFound |= content.contains(TokenFormat.sha256(secrets.get(0)));
    }
    // The search does read the database: the token's hash, which is stored, is found.
    assertThat(hashFound).isTrue();
  }
}
