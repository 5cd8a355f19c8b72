package org.strongroom.support;

import no.nav.security.mock.oauth2.MockOAuth2Server;

/** A real OpenID Connect provider in the test JVM (mock-oauth2-server), stopped when the JVM exits. */
public final class InJvmProvider {

  private InJvmProvider() {}

  public static MockOAuth2Server start() {
    MockOAuth2Server provider = new MockOAuth2Server();
    provider.start();
    Runtime.getRuntime().addShutdownHook(new Thread(provider::shutdown));
    return provider;
  }
}
