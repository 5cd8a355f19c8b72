package org.strongroom.records;

import org.strongroom.support.IntegrationTest;

@IntegrationTest
class SearchIntegrationTests extends SearchContract {}
