package org.strongroom.audit;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RequiresPostgres;

/** The same attacks on PostgreSQL, where the chain head's row lock serialises writers. */
@RequiresPostgres
@IntegrationTest
@Import(PostgresSchemaReset.class)
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "audit_chain",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=audit_chain",
    "spring.flyway.clean-disabled=false",
    "strongroom.audit.file=target/audit-tests/${random.uuid}/audit.jsonl"})
class AuditChainPostgresIntegrationTests extends AuditChainContract {}
