package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.json;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RequiresPostgres;
import org.strongroom.support.TestUsers;

/**
 * A query that would keep PostgreSQL busy (many prefixes, OR'ed, over 60,000 records seeded in
 * SQL) is cancelled by strongroom.search.timeout and answered 503 in JSON; the connections go
 * on serving other requests.
 */
@RequiresPostgres
@IntegrationTest
@Import(PostgresSchemaReset.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "search_timeout_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=search_timeout_it",
    "spring.flyway.clean-disabled=false",
    "strongroom.search.timeout=20ms"})
class SearchTimeoutPostgresIntegrationTests {

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Autowired
  JdbcClient jdbc;

  @BeforeAll
  void seed() {
    long owner = users.user().id();
    // The vectors are stored as the write path stores them (field-prefixed lexemes, title weight).
    jdbc.sql("""
        insert into records (id, owner_id, access, metadata, title_sort, revision, created, updated, search_vector)
        select 't' || x, :owner, 'public', '{"title": "t"}', 'ab' || x, 1, now(), now(), """
        + PostgresSearch.fielded("setweight(to_tsvector('simple', 'ab' || x || ' ac' || x || ' ad' || (x % 977)"
            + " || ' ae' || (x % 31)), 'A')")
        + " from generate_series(1, 60000) x").param("owner", owner).update();
    jdbc.sql("analyze records").update();
  }

  @Test
  void aSearchThatRunsTooLongIsCancelledAnd503() {
    String q = "ab* OR ac* OR ad* OR ae* OR af* OR ag* -ab1 -ac2 -ad3";
    HttpResponse<String> response = api.get("/api/records/?sort=bestmatch&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(json(response).path("status").asInt()).isEqualTo(503);
    assertThat(json(response).path("message").asString()).contains("took longer than the 20 ms allowed");
    // The cancelled transaction is gone: its pooled connection serves the next request.
    for (int i = 0; i < 12; i++) {
      assertThat(api.get("/api/records/abcde-fghij").statusCode()).isEqualTo(404);
    }
  }
}
