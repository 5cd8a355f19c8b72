package org.strongroom.files;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RequiresPostgres;

/** The files contract on PostgreSQL (row locks and unique-key races behave differently from H2). */
@RequiresPostgres
@IntegrationTest
@Import(PostgresSchemaReset.class)
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "files_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=files_it",
    "spring.flyway.clean-disabled=false",
    "strongroom.storage.local.path=target/test-files/postgres-${random.uuid}"})
class FilesPostgresIntegrationTests extends FilesContract {}
