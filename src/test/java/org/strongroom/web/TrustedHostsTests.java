package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedHostsTests {

  @Test
  void dotEntryMatchesTheDomainAndItsSubdomainsOnly() {
    TrustedHosts hosts = new TrustedHosts(List.of(".example.org"));

    assertThat(hosts.isTrusted("example.org")).isTrue();
    assertThat(hosts.isTrusted("a.example.org")).isTrue();
    assertThat(hosts.isTrusted("a.example.org.")).isTrue();
    assertThat(hosts.isTrusted("badexample.org")).isFalse();
    assertThat(hosts.isTrusted("example.org.evil.io")).isFalse();
    assertThat(hosts.isTrusted("")).isFalse();
    assertThat(hosts.isTrusted(null)).isFalse();
  }

  @Test
  void starMatchesAnything() {
    assertThat(new TrustedHosts(List.of("*")).isTrusted("evil.io")).isTrue();
  }

  @Test
  void hostAndPortAreSplitForNamesAndIpv6() {
    assertThat(TrustedHosts.hostOf("repo.example.org:8443")).isEqualTo("repo.example.org");
    assertThat(TrustedHosts.portOf("repo.example.org:8443")).isEqualTo(8443);
    assertThat(TrustedHosts.hostOf("[2001:db8::1]:443")).isEqualTo("[2001:db8::1]");
    assertThat(TrustedHosts.portOf("[2001:db8::1]")).isEqualTo(-1);
    assertThat(TrustedHosts.portOf("x:99999")).isEqualTo(-1);
  }

  @Test
  void anEntryWithAPortTrustsOnlyThatPortAndNamesItForLinks() {
    TrustedHosts hosts = new TrustedHosts(List.of("localhost", "mapped.example:8443", "[::1]:9443"));
    assertThat(hosts.isTrusted("localhost", 1234)).isTrue();
    assertThat(hosts.namesPort("localhost", 1234)).isFalse();
    assertThat(hosts.isTrusted("mapped.example", 8443)).isTrue();
    assertThat(hosts.namesPort("mapped.example", 8443)).isTrue();
    assertThat(hosts.isTrusted("mapped.example", 443)).isFalse();
    assertThat(hosts.isTrusted("mapped.example")).isTrue();
    assertThat(hosts.isTrusted("[::1]", 9443)).isTrue();
    assertThat(hosts.isTrusted("[::1]", 443)).isFalse();
    assertThat(hosts.isTrusted("evil.io", 8443)).isFalse();
  }
}
