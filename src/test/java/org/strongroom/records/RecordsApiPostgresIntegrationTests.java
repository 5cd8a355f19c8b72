package org.strongroom.records;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RequiresPostgres;

/** The same records contract on PostgreSQL. */
@RequiresPostgres
@IntegrationTest
@Import(PostgresSchemaReset.class)
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "records_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=records_it",
    "spring.flyway.clean-disabled=false"})
class RecordsApiPostgresIntegrationTests extends RecordsApiContract {}
