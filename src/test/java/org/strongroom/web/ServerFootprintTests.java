package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the server leaves out because every request would pay for it. */
class ServerFootprintTests {

  @Test
  void tomcatsWebSocketSupportIsNotOnTheClassPath() {
    // With it, Tomcat puts its WsFilter in front of every request; nothing here uses WebSocket (pom.xml).
    assertThatThrownBy(() -> Class.forName("org.apache.tomcat.websocket.server.WsSci"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
