package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworksTests {

  @ParameterizedTest
  @ValueSource(strings = {"example.org", "localhost", "1a.2.3.4", "1.2.3", "", "10.0.0.0/8/1"})
  void namesAndMalformedTextAreNotAddresses(String text) {
    assertThat(Networks.literal(text)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "10.20.30.40", "255.255.255.255", "192.168.100.9"})
  void canonicalIpv4AddressesAreRecognisedAndParseToThemselves(String text) {
    assertThat(Networks.isCanonicalIpv4(text)).isTrue();
    assertThat(Networks.literal(text).getHostAddress()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "01.2.3.4", "1.2.3.00", "256.1.1.1",
      "1.2.3.1000", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "1.2.3.a", "::1", "::ffff:1.2.3.4", "0:0:0:0:0:0:0:1",
      "example.org"})
  void anythingElseIsNotACanonicalIpv4Address(String text) {
    assertThat(Networks.isCanonicalIpv4(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "::ffff:10.0.0.0/95", "example.org/8", "10.0.0.0/x"})
  void invalidRangesAreRefusedNamingTheKey(String cidr) {
    assertThatThrownBy(() -> Networks.parse(cidr)).hasMessageContaining("strongroom.allowed-networks");
  }

  @Test
  void mappedRangesMatchTheIpv4AddressesTheyCarry() {
    Networks networks = new Networks(List.of("::ffff:10.0.0.0/104"));

    assertThat(networks.contains("10.200.0.1")).isTrue();
    assertThat(networks.contains("::ffff:10.200.0.1")).isTrue();
    assertThat(networks.contains("11.0.0.1")).isFalse();
  }

  @Test
  void ipv4RangesDoNotMatchIpv6AddressesAndTheOtherWayRound() {
    assertThat(new Networks(List.of("0.0.0.0/0")).contains("2001:db8::1")).isFalse();
    assertThat(new Networks(List.of("::/0")).contains("10.0.0.1")).isFalse();
    assertThat(new Networks(List.of("0.0.0.0/0", "::/0")).contains("not-an-address")).isFalse();
  }

  @Test
  void aNarrowIpv4RangeComparesCanonicalAndOtherSpellingsAlike() {
    Networks networks = new Networks(List.of("192.168.1.0/24"));

    assertThat(networks.contains("192.168.1.77")).isTrue();
    assertThat(networks.contains("::ffff:192.168.1.77")).isTrue();
    assertThat(networks.contains("192.168.2.1")).isFalse();
    assertThat(networks.contains("192.168.1.")).isFalse();
    assertThat(networks.contains(null)).isFalse();
  }

  @Test
  void aSlashZeroRangeHoldsEveryAddressOfItsFamily() {
    Networks ipv4 = new Networks(List.of("0.0.0.0/0"));
    Networks ipv6 = new Networks(List.of("::/0"));

    assertThat(ipv4.contains("10.0.0.1")).isTrue();
    assertThat(ipv4.contains("255.255.255.255")).isTrue();
    assertThat(ipv4.contains("::ffff:192.0.2.1")).isTrue();
    assertThat(ipv6.contains("2001:db8::1")).isTrue();
    assertThat(ipv6.contains("[::1]")).isTrue();
  }
}
