package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RequiresPostgres;

/** The same search contract on PostgreSQL: full-text search there, the same hits. */
@RequiresPostgres
@IntegrationTest
@Import(PostgresSchemaReset.class)
@TestPropertySource(properties = {
    "strongroom.database.url=" + RequiresPostgres.URL_PREFIX + "search_it",
    "strongroom.database.username=postgres",
    "spring.flyway.schemas=search_it",
    "spring.flyway.clean-disabled=false"})
class SearchPostgresIntegrationTests extends SearchContract {

  @Autowired
  JdbcClient jdbc;

  /**
   * The document frequencies stay those of the postings, per term and viewer, and the facet
   * counts per word those counted from the postings, through a create, an update that changes
   * words, restricting, opening and deleting a record.
   */
  @Test
  void termCountsStayThoseOfThePostingsThroughEveryWrite() {
    String word = "tc" + Long.toString(System.nanoTime(), 36);
    String first = "{\"title\": \"Counted " + word + " river\", \"keywords\": [\"" + word + "\", \"Deep Sea\"],"
        + " \"resource_type\": \"dataset\", \"license\": \"MIT\", \"publication_date\": \"2021\"}";
    String second = "{\"title\": \"Renamed lake\", \"description\": \"" + word + " again\", \"keywords\": [\"lake\"],"
        + " \"resource_type\": \"software\", \"publication_date\": \"2022\"}";
    HttpResponse<String> created = api.post("/api/records/", "{\"metadata\": " + first
        + ", \"access\": {\"record\": \"public\"}}", bearer(alice.token()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).path("id").asString();
    assertThat(counts()).isEqualTo(postings());
    assertThat(wordFacets()).isEqualTo(wordFacetsCounted());
    assertThat(counts()).containsEntry(word + " 0", 1L).containsEntry("a~" + word + " 0", 1L);
    for (String change : new String[] {
        "{\"metadata\": " + second + ", \"access\": {\"record\": \"public\"}}",
        "{\"metadata\": " + second + ", \"access\": {\"record\": \"restricted\"}}",
        "{\"metadata\": " + first + ", \"access\": {\"record\": \"public\"}}"}) {
      HttpResponse<String> updated = api.put("/api/records/" + id, change, bearer(alice.token()));
      assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
      assertThat(counts()).isEqualTo(postings());
      assertThat(wordFacets()).isEqualTo(wordFacetsCounted());
    }
    assertThat(api.delete("/api/records/" + id, bearer(alice.token())).statusCode()).isEqualTo(204);
    assertThat(counts()).isEqualTo(postings()).doesNotContainKey(word + " 0");
    assertThat(wordFacets()).isEqualTo(wordFacetsCounted());
  }

  /** The facet counts per word as kept, and as the backfill counts them from the postings. */
  private Map<String, Long> wordFacets() {
    return rows("select concat_ws(' ', term, viewer, facet, bucket), records from search_term_facets where records <> 0");
  }

  private Map<String, Long> wordFacetsCounted() {
    return rows("select concat_ws(' ', term, viewer, facet, bucket), records from ("
        + TermFacets.FILL.substring(TermFacets.FILL.indexOf("select")) + ") f(term, viewer, facet, bucket, records)");
  }

  private Map<String, Long> counts() {
    return rows("select term || ' ' || viewer, records from search_term_counts where records <> 0");
  }

  private Map<String, Long> postings() {
    return rows("select term || ' ' || viewer, count(*) from search_postings group by term, viewer");
  }

  private Map<String, Long> rows(String sql) {
    Map<String, Long> rows = new TreeMap<>();
    jdbc.sql(sql).query(rs -> {
      rows.put(rs.getString(1), rs.getLong(2));
    });
    return rows;
  }
}
