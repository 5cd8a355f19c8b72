package org.strongroom.accounts;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.RequiresPostgres;

@RequiresPostgres
@IntegrationTest
@Import({PostgresSchemaReset.class, MutableClock.Configuration.class, RecordedAuditEvents.class})
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "two_factor_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=two_factor_it",
    "spring.flyway.clean-disabled=false"})
class TwoFactorPostgresIntegrationTests extends TwoFactorContract {}
