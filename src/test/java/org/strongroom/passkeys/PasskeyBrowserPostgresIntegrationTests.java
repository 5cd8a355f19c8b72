package org.strongroom.passkeys;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.RequiresPostgres;

/** The passkey browser tests with the credentials in PostgreSQL (migration V85 there). */
@RequiresPostgres
@Import({PostgresSchemaReset.class, RecordedAuditEvents.class})
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "passkeys_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=passkeys_it",
    "spring.flyway.clean-disabled=false"})
class PasskeyBrowserPostgresIntegrationTests extends PasskeyBrowserIntegrationTests {}
