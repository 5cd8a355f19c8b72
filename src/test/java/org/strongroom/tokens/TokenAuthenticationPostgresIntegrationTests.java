package org.strongroom.tokens;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RequiresPostgres;

/** The same token attacks on PostgreSQL (token table, address history, cache against a real server). */
@RequiresPostgres
@IntegrationTest
@Import({PostgresSchemaReset.class, TokenAuthenticationIntegrationTests.AuditEvents.class})
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "tokens_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=tokens_it",
    "spring.flyway.clean-disabled=false"})
class TokenAuthenticationPostgresIntegrationTests extends TokenAuthenticationIntegrationTests {}
