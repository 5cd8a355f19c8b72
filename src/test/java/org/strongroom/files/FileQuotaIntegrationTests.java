package org.strongroom.files;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;

/** The quota under concurrent uploads on H2. */
@IntegrationTest
@TestPropertySource(properties = {
    "strongroom.storage.local.path=target/test-files/quota-${random.uuid}",
    "strongroom.files.quota-per-user=" + FileQuotaContract.QUOTA + "B"})
class FileQuotaIntegrationTests extends FileQuotaContract {}
