package org.strongroom.files;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RequiresPostgres;

/** The quota under concurrent uploads on PostgreSQL (its own schema, so it can run beside the files contract). */
@RequiresPostgres
@IntegrationTest
@Import(PostgresSchemaReset.class)
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "files_quota_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=files_quota_it",
    "spring.flyway.clean-disabled=false",
    "strongroom.storage.local.path=target/test-files/quota-postgres-${random.uuid}",
    "strongroom.files.quota-per-user=" + FileQuotaContract.QUOTA + "B"})
class FileQuotaPostgresIntegrationTests extends FileQuotaContract {}
