package org.strongroom.accounts;

import org.strongroom.support.IntegrationTest;

@IntegrationTest
class AccountsIntegrationTests extends AccountsContract {}
