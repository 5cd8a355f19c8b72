package org.strongroom.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Makes sure the test instance folder exists before Spring starts. */
public class TestInstanceExtension implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    TestInstance.ensure();
  }
}
