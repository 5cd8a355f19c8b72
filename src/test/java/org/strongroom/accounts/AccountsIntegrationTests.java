package org.strongroom.accounts;

import org.strongroom.support.IntegrationTest;

@IntegrationTest
@org.strongroom.support.RelaxedRateLimits
class AccountsIntegrationTests extends AccountsContract {}
