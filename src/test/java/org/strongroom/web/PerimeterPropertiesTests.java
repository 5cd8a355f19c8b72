package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PerimeterPropertiesTests {

  @Test
  void defaultsAreTheSpecs() {
    PerimeterProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
        .bindOrCreate("strongroom", PerimeterProperties.class);

    assertThat(defaults.allowedHosts()).containsExactly("localhost", "127.0.0.1", "[::1]");
    assertThat(defaults.trustedProxies()).isZero();
    assertThat(defaults.allowedNetworks()).containsExactly("0.0.0.0/0", "::/0");
    assertThat(defaults.csp()).isEqualTo(PerimeterProperties.DEFAULT_CSP);
    assertThat(defaults.httpRedirectPort()).isNull();
  }

  @Test
  void invalidValuesNameTheKey() {
    assertThatThrownBy(() -> new PerimeterProperties(List.of(" "), null, null, null, null))
        .hasMessageStartingWith("strongroom.allowed-hosts");
    assertThatThrownBy(() -> new PerimeterProperties(null, -1, null, null, null))
        .hasMessageStartingWith("strongroom.trusted-proxies");
    assertThatThrownBy(() -> new PerimeterProperties(null, null, List.of("10.0.0.0/40"), null, null))
        .hasMessageStartingWith("strongroom.allowed-networks");
    assertThatThrownBy(() -> new PerimeterProperties(null, null, null, "default-src 'self';\nx", null))
        .hasMessageStartingWith("strongroom.csp");
    assertThatThrownBy(() -> new PerimeterProperties(null, null, null, null, 70000))
        .hasMessageStartingWith("strongroom.http-redirect-port");
  }
}
