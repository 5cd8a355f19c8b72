package org.strongroom.support;

import java.nio.file.Path;
import java.time.Clock;

import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;

/** The instance folder shared by integration tests (key, TLS certificate); databases are per context. */
public final class TestInstance {

  public static final String FOLDER = "target/test-instance";
  public static final InstanceLayout LAYOUT = new InstanceLayout(Path.of(FOLDER));

  private TestInstance() {}

  public static synchronized InstanceLayout ensure() {
    InstanceSetup.ensure(LAYOUT, Clock.systemUTC());
    return LAYOUT;
  }
}
