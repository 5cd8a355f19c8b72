package org.strongroom.sso;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.strongroom.secrets.SealedSetting;
import org.strongroom.secrets.SealedSettings;

/**
 * The sealed secrets of single sign-on, for {@code migrate-secret-key}: each provider's
 * {@code client-secret-sealed} and the directory's {@code manager-password-sealed}.
 */
@Component
class SsoSealedSettings implements SealedSettings {

  private final SsoProperties properties;

  SsoSealedSettings(SsoProperties properties) {
    this.properties = properties;
  }

  @Override
  public List<SealedSetting> sealedSettings() {
    List<SealedSetting> settings = new ArrayList<>();
    for (Map.Entry<String, SsoProperties.Oidc> provider : properties.oidc().entrySet()) {
      if (provider.getValue().secretSealed()) {
        settings.add(new SealedSetting("strongroom.sso.oidc." + provider.getKey() + ".client-secret-sealed",
            SsoSecrets.PURPOSE, provider.getValue().clientSecretSealed()));
      }
    }
    if (properties.ldap() != null && properties.ldap().managerPasswordSealed() != null) {
      settings.add(new SealedSetting("strongroom.sso.ldap.manager-password-sealed", SsoSecrets.PURPOSE,
          properties.ldap().managerPasswordSealed()));
    }
    return settings;
  }
}
