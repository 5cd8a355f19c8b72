package org.strongroom.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which names are settings, and the guess offered for a typo, in files and in variables. */
class KnownKeysTests {

  static final KnownKeys KNOWN = KnownKeys.fromMetadata(KnownKeysTests.class.getClassLoader());

  @Test
  void theMetadataListsTheSpecKeys() {
    assertThat(KNOWN.keys()).contains("strongroom.allowed-hosts", "strongroom.trusted-proxies",
        "strongroom.max-content-length", "strongroom.secret-key", "strongroom.database.url",
        "strongroom.tls.certificate", "strongroom.management.port", "strongroom.instance", "strongroom.env");
  }

  @Test
  void relaxedSpellingsAndListIndexesAreKnown() {
    assertThat(KNOWN.isKnown("strongroom.trustedProxies")).isTrue();
    assertThat(KNOWN.isKnown("strongroom.allowed-hosts[0]")).isTrue();
    assertThat(KNOWN.isKnownVariable("STRONGROOM_TRUSTED_PROXIES")).isTrue();
    assertThat(KNOWN.isKnownVariable("STRONGROOM_TRUSTEDPROXIES")).isTrue();
    assertThat(KNOWN.isKnownVariable("STRONGROOM_ALLOWED_HOSTS_0")).isTrue();
    assertThat(KNOWN.isKnownVariable("STRONGROOM_RATELIMITS_ANONYMOUS")).isTrue();
    assertThat(KNOWN.isKnown("strongroom.allowed-host")).isFalse();
  }

  @Test
  void aTypoInAVariableIsRefusedWithAGuess() {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        Map.of("STRONGROOM_TRUSTED_PROXYS", "1", "PATH", "/bin")));
    assertThatThrownBy(() -> new UnknownKeys(KNOWN).check(sources)).isInstanceOf(InvalidConfiguration.class)
        .hasMessage("environment variable STRONGROOM_TRUSTED_PROXYS: no setting has that name; "
            + "did you mean STRONGROOM_TRUSTED_PROXIES?");
  }

  @Test
  void variablesOfTheLauncherAreNotSettings() {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        Map.of("STRONGROOM_JAVA_OPTS", "-Xmx1g", "STRONGROOM_REQUIRE_SERVICES", "1", "STRONGROOM_ENV", "test")));
    new UnknownKeys(KNOWN).check(sources);
    assertThat(UnknownKeys.NOT_SETTINGS).isEqualTo(Set.of("STRONGROOM_JAVA_OPTS", "STRONGROOM_REQUIRE_SERVICES"));
  }

  @Test
  void aTypoInAnOptionNamesTheOption() {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(new MapPropertySource("test", Map.of("strongroom.allowed-host", "repo.example.org")));
    assertThatThrownBy(() -> new UnknownKeys(KNOWN).check(sources))
        .hasMessage("test: unknown key 'strongroom.allowed-host'; did you mean 'strongroom.allowed-hosts'?");
    MutablePropertySources far = new MutablePropertySources();
    far.addFirst(new MapPropertySource("test", Map.of("strongroom.colour", "blue")));
    assertThatThrownBy(() -> new UnknownKeys(KNOWN).check(far)).hasMessage("test: unknown key 'strongroom.colour'; "
        + "no setting has that name (see docs/operations/configuration.md)");
  }
}
