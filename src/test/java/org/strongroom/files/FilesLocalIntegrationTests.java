package org.strongroom.files;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;

/** The files contract on the default local-folder storage. */
@IntegrationTest
@TestPropertySource(properties = FilesLocalIntegrationTests.LOCAL_STORAGE)
class FilesLocalIntegrationTests extends FilesContract {

  /**
   * A storage folder of the context's own, away from the shared test instance's. The local-storage
   * classes that need nothing else (this one, {@link FileKeyAttacksIntegrationTests},
   * {@link FileServingIntegrationTests}) name it alike and so share one Spring context; each works
   * on records of its own, and what one counts (blobs, staged uploads) it counts before and after.
   */
  static final String LOCAL_STORAGE = "strongroom.storage.local.path=target/test-files/local-${random.uuid}";
}
