package org.strongroom.accounts;

import org.springframework.context.annotation.Import;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;

@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class TwoFactorIntegrationTests extends TwoFactorContract {}
