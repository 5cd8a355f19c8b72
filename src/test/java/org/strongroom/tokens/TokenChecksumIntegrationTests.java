package org.strongroom.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.strongroom.support.ApiClient.bearer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/** Typos and guesses are refused by the checksum alone: the token table is never queried for them. */
@IntegrationTest
class TokenChecksumIntegrationTests {

  @MockitoSpyBean TokenStore store;
  @Autowired ApiClient api;
  @Autowired TestUsers users;

  @Test
  void oneCharacterTyposAreRefusedWithoutADatabaseQuery() {
    String token = users.user().token();
    clearInvocations(store);
    int sent = 0;
    for (int i = 3; i < token.length(); i += 3) {
      char replacement = token.charAt(i) == '7' ? '8' : '7';
      String typo = token.substring(0, i) + replacement + token.substring(i + 1);
      assertThat(api.get("/api/records/", bearer(typo)).statusCode()).isEqualTo(401);
      sent++;
    }
    assertThat(sent).isGreaterThan(10);
    verify(store, never()).findByHash(anyString());

    // The counting spy does see a well-formed token's lookup.
    assertThat(api.get("/api/records/", bearer(token)).statusCode()).isEqualTo(200);
    verify(store, times(1)).findByHash(anyString());
  }
}
