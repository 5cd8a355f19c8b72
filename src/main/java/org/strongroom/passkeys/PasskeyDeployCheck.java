package org.strongroom.passkeys;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.strongroom.instance.DeployCheck;
import org.strongroom.instance.Finding;

/**
 * SR-W150: passkeys are bound to a relying-party id, the first host name in
 * {@code strongroom.allowed-hosts}. With none (only addresses or '*'), no passkey can be
 * registered. SR-W151: an allowed host outside the relying-party id's domain, where passkeys
 * registered under the id cannot be used. Warnings only: passwords and TOTP still work.
 */
@Component
class PasskeyDeployCheck implements DeployCheck {

  private final Environment environment;

  PasskeyDeployCheck(Environment environment) {
    this.environment = environment;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<String> hosts = RelyingParty.allowedHosts(environment);
    RelyingParty party = RelyingParty.of(hosts, 443);
    List<Finding> findings = new ArrayList<>();
    if (party == null) {
      findings.add(Finding.warning("SR-W150", RelyingParty.HOSTS_KEY + " names no host name "
          + "(only addresses or '*'), so passkeys have no relying-party id and cannot be registered",
          "list the server's name first, e.g. " + RelyingParty.HOSTS_KEY + "=repo.example.org"));
      return findings;
    }
    for (String host : hosts) {
      if (RelyingParty.isName(host) && !host.equals(party.id()) && !host.endsWith("." + party.id())) {
        findings.add(Finding.warning("SR-W151", RelyingParty.HOSTS_KEY + " lists " + host
            + ", outside the passkey relying-party id " + party.id() + " (the first host name): passkeys "
            + "do not work there", "put the name users sign in at first in " + RelyingParty.HOSTS_KEY
            + ", or serve one name only"));
      }
    }
    return findings;
  }
}
