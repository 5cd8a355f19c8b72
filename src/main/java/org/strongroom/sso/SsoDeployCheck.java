package org.strongroom.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.strongroom.instance.DeployCheck;
import org.strongroom.instance.Finding;

/**
 * Single sign-on settings that are fine on a developer's machine but not on a server (errors
 * with {@code --deploy} and in production, warnings otherwise). SR-W140: a provider reached
 * over plain HTTP (its discovery document, keys and tokens could be swapped on the way).
 * SR-W141: a client secret in clear in the configuration. SR-W142: accounts created for
 * anyone the provider vouches for, with no e-mail domain restriction. SR-W143: an LDAP
 * directory reached without TLS.
 */
@Component
class SsoDeployCheck implements DeployCheck {

  private final SsoProperties properties;

  SsoDeployCheck(SsoProperties properties) {
    this.properties = properties;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<String, SsoProperties.Oidc> entry : properties.oidc().entrySet()) {
      String key = "strongroom.sso.oidc." + entry.getKey();
      SsoProperties.Oidc provider = entry.getValue();
      if (!"https".equals(provider.issuerUri().getScheme())) {
        findings.add(Finding.errorWhenDeploying(deploy, "SR-W140", key + ".issuer-uri is plain HTTP ("
            + provider.issuerUri() + ")", "use the provider's https issuer URL"));
      }
      if (!provider.secretSealed()) {
        findings.add(Finding.errorWhenDeploying(deploy, "SR-W141", key + ".client-secret holds the client "
            + "secret in clear", "seal it with 'strongroom sso seal-secret < secret.txt', put the output in "
            + key + ".client-secret-sealed and remove " + key + ".client-secret"));
      }
      if (provider.createUsers() && provider.allowedEmailDomains().isEmpty()) {
        findings.add(Finding.errorWhenDeploying(deploy, "SR-W142", key + ".create-users is on with no "
            + "e-mail domain restriction: anyone this provider vouches for gets an account",
            "list your domains in " + key + ".allowed-email-domains (e.g. example.org), or turn create-users off"));
      }
    }
    if (properties.ldap() != null && !properties.ldap().encrypted()) {
      findings.add(Finding.errorWhenDeploying(deploy, "SR-W143", "strongroom.sso.ldap.url is plain LDAP without "
          + "StartTLS: directory passwords would cross the network in clear", "use ldaps://… or set "
          + "strongroom.sso.ldap.start-tls: true"));
    }
    return findings;
  }
}
