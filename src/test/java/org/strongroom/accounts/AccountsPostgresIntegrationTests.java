package org.strongroom.accounts;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RequiresPostgres;

@RequiresPostgres
@IntegrationTest
@Import(PostgresSchemaReset.class)
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "accounts_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=accounts_it",
    "spring.flyway.clean-disabled=false"})
class AccountsPostgresIntegrationTests extends AccountsContract {}
