package org.strongroom.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.strongroom.instance.Finding;

/** The relying party follows strongroom.allowed-hosts, and the deploy check says when it cannot. */
class PasskeyDeployCheckTests {

  static List<Finding> check(String hosts) {
    return new PasskeyDeployCheck(new MockEnvironment().withProperty("strongroom.allowed-hosts", hosts)).check(true);
  }

  @Test
  void theFirstHostNameIsTheRelyingPartyAndEveryNameAnOrigin() {
    RelyingParty party = RelyingParty.of(List.of("10.0.0.5", "repo.example.org", "files.repo.example.org"), 8443);
    assertThat(party.id()).isEqualTo("repo.example.org");
    assertThat(party.origins()).isEqualTo(Set.of("https://repo.example.org", "https://repo.example.org:8443",
        "https://files.repo.example.org", "https://files.repo.example.org:8443"));
    assertThat(RelyingParty.of(List.of("repo.example.org"), 443).origins()).containsExactly("https://repo.example.org");
  }

  @Test
  void oneNameOrNamesUnderTheIdAreFine() {
    assertThat(check("repo.example.org")).isEmpty();
    assertThat(check("repo.example.org, www.repo.example.org, 192.0.2.7")).isEmpty();
  }

  @Test
  void onlyAddressesOrAWildcardLeaveNoRelyingPartyId() {
    assertThat(check("192.0.2.7, [::1]")).extracting(Finding::id).containsExactly("SR-W150");
    assertThat(check("*")).extracting(Finding::id).containsExactly("SR-W150");
    assertThat(check("*").get(0).line()).contains("strongroom.allowed-hosts");
  }

  @Test
  void aHostOutsideTheRelyingPartyIdIsNamed() {
    List<Finding> findings = check("repo.example.org, archive.example.net");
    assertThat(findings).extracting(Finding::id).containsExactly("SR-W151");
    assertThat(findings.get(0).line()).contains("archive.example.net").contains("repo.example.org");
  }
}
