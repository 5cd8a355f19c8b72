package org.strongroom.accounts.twofactor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.strongroom.secrets.SealedColumn;

/** TOTP seeds are sealed secrets: {@code instance migrate-secret-key} re-encrypts them with the rest. */
@Configuration(proxyBeanMethods = false)
class TotpSeedColumn {

  @Bean
  SealedColumn totpSeeds() {
    return new SealedColumn("users", "id", "totp_seed", TwoFactor.PURPOSE);
  }
}
