package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.strongroom.files.FilesProperties;

class FilesOriginCheckTests {

  static List<String> ids(String origin, String allowedHosts, boolean deploy) {
    MapConfigurationPropertySource source = new MapConfigurationPropertySource(Map.of(
        "strongroom.allowed-hosts", allowedHosts));
    if (origin != null) {
      source.put("strongroom.files.origin", origin);
    }
    Binder binder = new Binder(source);
    FilesProperties files = binder.bindOrCreate("strongroom.files", FilesProperties.class);
    PerimeterProperties perimeter = binder.bindOrCreate("strongroom", PerimeterProperties.class);
    return new FilesOriginCheck(files, perimeter).check(deploy).stream()
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
