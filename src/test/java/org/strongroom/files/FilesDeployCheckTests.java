package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class FilesDeployCheckTests {

  static List<String> ids(String origin, String allowedHosts, boolean deploy) {
    FilesProperties properties = new FilesProperties(null,
        new FilesProperties.Files(origin == null ? null : URI.create(origin), null, List.of(),
            java.time.Duration.ofSeconds(60), java.time.Duration.ofHours(1), java.time.Duration.ofHours(1)),
        null);
    MockEnvironment environment = new MockEnvironment().withProperty("strongroom.allowed-hosts", allowedHosts);
    return new FilesDeployCheck(properties, environment).check(deploy).stream()
        .map(f -> f.id() + " " + f.severity()).toList();
  }

  @Test
  void warnsWhenFilesAreServedFromTheApplicationOrigin() {
    assertThat(ids(null, "repo.example.org", true)).containsExactly("SR-W080 WARNING");
    assertThat(ids(null, "repo.example.org", false)).isEmpty();
  }

  @Test
  void refusesAFilesOriginThatIsAlsoAnApplicationHost() {
    assertThat(ids("https://repo.example.org", "repo.example.org", false)).containsExactly("SR-W081 ERROR");
    assertThat(ids("https://Files.Example.org", "repo.example.org, files.example.org", true))
        .containsExactly("SR-W081 ERROR");
  }

  @Test
  void acceptsASeparateFilesHost() {
    assertThat(ids("https://files.example.org", "repo.example.org", true)).isEmpty();
    assertThat(ids("https://files.example.org", ".example.org", true)).isEmpty();
  }
}
