package org.strongroom.files;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;

/** The files contract on the default local-folder storage. */
@IntegrationTest
@TestPropertySource(properties = "strongroom.storage.local.path=target/test-files/local-${random.uuid}")
class FilesLocalIntegrationTests extends FilesContract {}
