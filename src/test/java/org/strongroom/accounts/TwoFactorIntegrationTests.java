package org.strongroom.accounts;

import org.springframework.context.annotation.Import;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;

@IntegrationTest
@org.strongroom.support.RelaxedRateLimits
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class TwoFactorIntegrationTests extends TwoFactorContract {}
