package org.strongroom.records;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RequiresPostgres;

/** The same search contract on PostgreSQL: full-text search there, the same hits. */
@RequiresPostgres
@IntegrationTest
@Import(PostgresSchemaReset.class)
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "search_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=search_it",
    "spring.flyway.clean-disabled=false"})
class SearchPostgresIntegrationTests extends SearchContract {}
