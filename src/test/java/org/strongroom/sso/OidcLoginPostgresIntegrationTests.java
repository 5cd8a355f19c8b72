package org.strongroom.sso;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.RequiresPostgres;

/** The OpenID Connect sign-in tests with the identity links in PostgreSQL (migration V80 there). */
@RequiresPostgres
@Import({PostgresSchemaReset.class, RecordedAuditEvents.class})
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "sso_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=sso_it",
    "spring.flyway.clean-disabled=false"})
class OidcLoginPostgresIntegrationTests extends OidcLoginIntegrationTests {}
