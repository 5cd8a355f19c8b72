package org.strongroom.audit;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;

/** The audit chain attacks on the default embedded H2 database. */
@IntegrationTest
@TestPropertySource(properties = "strongroom.audit.file=target/audit-tests/${random.uuid}/audit.jsonl")
class AuditChainIntegrationTests extends AuditChainContract {}
