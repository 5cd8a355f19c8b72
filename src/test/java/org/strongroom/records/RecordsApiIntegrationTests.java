package org.strongroom.records;

import org.strongroom.support.IntegrationTest;

/** The records contract on the default embedded H2 database. */
@IntegrationTest
class RecordsApiIntegrationTests extends RecordsApiContract {}
