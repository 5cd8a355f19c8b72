package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import tools.jackson.databind.JsonNode;

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
    assertThat(wordSets()).isEqualTo(wordPostings()).containsKey(word + " 0 " + id);
    for (String change : new String[] {
        "{\"metadata\": " + second + ", \"access\": {\"record\": \"public\"}}",
        "{\"metadata\": " + second + ", \"access\": {\"record\": \"restricted\"}}",
        "{\"metadata\": " + first + ", \"access\": {\"record\": \"public\"}}"}) {
      HttpResponse<String> updated = api.put("/api/records/" + id, change, bearer(alice.token()));
      assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
      assertThat(counts()).isEqualTo(postings());
      assertThat(wordFacets()).isEqualTo(wordFacetsCounted());
      assertThat(wordSets()).isEqualTo(wordPostings());
    }
    assertThat(api.delete("/api/records/" + id, bearer(alice.token())).statusCode()).isEqualTo(204);
    assertThat(counts()).isEqualTo(postings()).doesNotContainKey(word + " 0");
    assertThat(wordFacets()).isEqualTo(wordFacetsCounted());
    assertThat(wordSets()).isEqualTo(wordPostings()).doesNotContainKey(word + " 0 " + id);
  }

  /**
   * Several words in any field are totalled and paged from their word sets (V124) as the join of
   * their postings answers them: the same total, order (summed scores, then creation, then id),
   * page 2 and cursor walk, for the anonymous caller, the owner of restricted matches, another
   * user and a superuser; with two words and with three (scores summed in the query's order).
   */
  @Test
  void severalWordsAnswerFromTheirWordSetsAsTheirJoinedPostingsDo() {
    String word = "ws" + Long.toString(System.nanoTime(), 36);
    // The words in a title, a description, keywords and contributors, some twice (ties broken by
    // creation), restricted for alice and bob; and records with only some of them.
    String[][] records = {
        {word + " kelp reef notes", "", "[]", "[]", "public", "alice"},
        {"First", word + " kelp in the text", "[]", "[]", "public", "alice"},
        {"Second", "kelp and " + word, "[]", "[]", "public", "bob"},
        {"Third", "kelp and " + word, "[]", "[]", "public", "alice"},
        {"Kelp", "", "[\"" + word + "\", \"reef\"]", "[]", "public", "alice"},
        {"Hidden kelp", "", "[]", "[{\"name\": \"" + word + " Reef\"}]", "restricted", "alice"},
        {"Hidden " + word + " kelp reef", "", "[]", "[]", "restricted", "bob"},
        {word + " reef", "reef kelp " + word, "[\"kelp\"]", "[]", "public", "bob"},
        {word + " only", "", "[]", "[]", "public", "alice"},
        {"kelp only", "", "[]", "[]", "public", "alice"}};
    for (String[] r : records) {
      String body = "{\"metadata\": {\"title\": \"" + r[0] + "\", \"description\": \"" + r[1] + "\","
          + " \"keywords\": " + r[2] + ", \"contributors\": " + r[3] + ", \"resource_type\": \"dataset\"},"
          + " \"access\": {\"record\": \"" + r[4] + "\"}}";
      HttpResponse<String> created = api.post("/api/records/", body,
          bearer((r[5].equals("alice") ? alice : bob).token()));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
    String[][] callers = {{}, bearer(alice.token()), bearer(bob.token()), bearer(adminToken)};
    RecordStore.Visibility[] visibilities = {RecordStore.Visibility.ANONYMOUS,
        new RecordStore.Visibility(alice.id(), false), new RecordStore.Visibility(bob.id(), false),
        new RecordStore.Visibility(null, true)};
    int[][] expected = {{6, 7, 7, 8}, {3, 4, 4, 5}};
    List<List<String>> queries = List.of(List.of(word, "kelp"), List.of("reef", word, "kelp"));
    for (int w = 0; w < queries.size(); w++) {
      List<String> words = queries.get(w);
      String q = "/api/records/?q=" + encode(String.join(" ", words));
      for (int i = 0; i < callers.length; i++) {
        List<String> joined = joinedPostings(words, visibilities[i]);
        assertThat(joined).as(words + " " + i).hasSize(expected[w][i]);
        answersAs(q, callers[i], joined);
      }
    }
  }

  /**
   * Writers changing the same words' blocks at once lose none of each other's entries: eight
   * records with one word made in parallel are all in its set, as in its postings.
   */
  @Test
  void parallelWritersKeepEveryEntryOfASharedWordSet() throws Exception {
    String word = "pw" + Long.toString(System.nanoTime(), 36);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String body = "{\"metadata\": {\"title\": \"" + word + " shared " + i + "\", \"keywords\": [\"" + word
            + "\"]}, \"access\": {\"record\": \"public\"}}";
        statuses.add(pool.submit(() -> api.post("/api/records/", body, bearer(alice.token())).statusCode()));
      }
      for (var status : statuses) {
        assertThat(status.get()).isEqualTo(201);
      }
    } finally {
      pool.shutdown();
    }
    Map<String, String> sets = wordSets();
    assertThat(sets.keySet().stream().filter(key -> key.startsWith(word + " 0 "))).hasSize(8);
    assertThat(sets).isEqualTo(wordPostings());
  }

  /** V124's backfill makes the word sets the write path keeps: emptied, filled again, they are the same. */
  @Test
  void theWordSetBackfillMakesWhatTheWritePathKeeps() {
    Map<String, String> kept = wordSets();
    assertThat(kept).isNotEmpty().isEqualTo(wordPostings());
    jdbc.sql("delete from search_word_sets").update();
    jdbc.sql(WordSets.FILL_NUMBERS).update();
    jdbc.sql(WordSets.FILL).update();
    assertThat(wordSets()).isEqualTo(kept);
  }

  /** The ids the words' postings joined find, with their scores summed in the words' order, in bestmatch order. */
  private List<String> joinedPostings(List<String> words, RecordStore.Visibility visibility) {
    Map<String, Object> params = new LinkedHashMap<>();
    String visible = FacetCounts.visible(visibility, params);
    StringBuilder from = new StringBuilder();
    List<String> scores = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      params.put("w" + i, words.get(i));
      String source = "(select * from search_postings where term = :w" + i + visible + ") g" + i;
      from.append(i == 0 ? source : " join " + source + " on g" + i + ".record_id = g0.record_id");
      scores.add("g" + i + ".score");
    }
    return jdbc.sql("select record_id from (select g0.record_id, g0.created, " + String.join(" + ", scores)
        + " as score from " + from + ") m order by score desc, created desc, record_id")
        .params(params).query(String.class).list();
  }

  /** Every entry of the word sets (term, viewer, record: score), each once. */
  private Map<String, String> wordSets() {
    Map<Integer, String> records = new java.util.HashMap<>();
    jdbc.sql("select number, record_id from search_numbers").query(rs -> {
      records.put(rs.getInt(1), rs.getString(2));
    });
    Map<String, String> entries = new TreeMap<>();
    jdbc.sql("select term, viewer, block, entries from search_word_sets").query(rs -> {
      String word = rs.getString(1) + " " + rs.getLong(2) + " ";
      int block = rs.getInt(3);
      WordSetsTests.read(rs.getBytes(4)).forEach((number, score) -> {
        assertThat(number >>> WordSets.BLOCK_BITS).as("in its block").isEqualTo(block);
        String key = word + records.get(number);
        assertThat(entries.put(key, Float.toString(score))).as(key).isNull();
      });
    });
    return entries;
  }

  /** The postings of words in any field, as the word sets should hold them. */
  private Map<String, String> wordPostings() {
    Map<String, String> entries = new TreeMap<>();
    jdbc.sql("select term, viewer, record_id, score from search_postings where position('~' in term) = 0")
        .query(rs -> {
          entries.put(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3), Float.toString(rs.getFloat(4)));
        });
    return entries;
  }

  /**
   * A two-word phrase in any field is one term (V123): it totals, orders, pages and walks by
   * cursor as the four fields' pairs did when they were read and summed per record, for the
   * anonymous caller, the owner of a restricted match, another user and a superuser.
   */
  @Test
  void aPhraseInAnyFieldIsOneTermThatAnswersAsItsFourFieldsDid() {
    String word = "ph" + Long.toString(System.nanoTime(), 36);
    String phrase = word + " zeta";
    // In a title, a description (twice: a tie broken by creation), a title and keywords, the
    // contributors of a restricted record; and two records with the words, not the phrase.
    String[][] records = {
        {"Deep " + phrase + " notes", "", "[]", "[]", "public"},
        {"First", phrase + " in the text", "[]", "[]", "public"},
        {"Second", "again " + phrase, "[]", "[]", "public"},
        {phrase, "", "[\"" + phrase + "\"]", "[]", "public"},
        {"Hidden", "", "[]", "[{\"name\": \"" + phrase + "\"}]", "restricted"},
        {"zeta " + word, "", "[]", "[]", "public"},
        {word + " and zeta", "", "[]", "[]", "public"}};
    for (String[] r : records) {
      String body = "{\"metadata\": {\"title\": \"" + r[0] + "\", \"description\": \"" + r[1] + "\","
          + " \"keywords\": " + r[2] + ", \"contributors\": " + r[3] + ", \"resource_type\": \"dataset\"},"
          + " \"access\": {\"record\": \"" + r[4] + "\"}}";
      HttpResponse<String> created = api.post("/api/records/", body, bearer(alice.token()));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
    String q = "/api/records/?q=" + encode("\"" + phrase + "\"");
    String[][] callers = {{}, bearer(alice.token()), bearer(bob.token()), bearer(adminToken)};
    RecordStore.Visibility[] visibilities = {RecordStore.Visibility.ANONYMOUS,
        new RecordStore.Visibility(alice.id(), false), new RecordStore.Visibility(bob.id(), false),
        new RecordStore.Visibility(null, true)};
    for (int i = 0; i < callers.length; i++) {
      List<String> fourPairs = fourFieldPairs(word, "zeta", visibilities[i]);
      assertThat(fourPairs).hasSize(i % 2 == 0 ? 4 : 5);
      answersAs(q, callers[i], fourPairs);
    }
    assertThat(postingsRecounted()).isEqualTo(postingsKept());
  }

  /**
   * V123's backfill makes the any-field pairs' postings and document frequencies the write path
   * keeps: dropped, filled again, they equal a recount from the records.
   */
  @Test
  void thePhraseBackfillMakesWhatTheWritePathKeeps() {
    Map<String, String> kept = postingsKept();
    assertThat(kept.keySet()).anyMatch(key -> key.startsWith("="));
    Map<String, Long> counts = counts();
    jdbc.sql("delete from search_postings where term like '=%'").update();
    jdbc.sql("delete from search_term_counts where term like '=%'").update();
    jdbc.sql(PostgresPostings.TERMS_FUNCTION).update();
    jdbc.sql(PostgresPostings.INSERT_PHRASES).update();
    assertThat(postingsKept()).isEqualTo(kept).isEqualTo(postingsRecounted());
    assertThat(counts()).isEqualTo(counts).isEqualTo(postings());
  }

  /** The query's hits for the caller are {@code expected}: all of them, page 2 of 2, and a cursor walk. */
  private void answersAs(String q, String[] caller, List<String> expected) {
    JsonNode all = json(api.get(q + "&size=100", caller));
    assertThat(all.path("hits").path("total").asLong()).isEqualTo(expected.size());
    assertThat(ids(all)).isEqualTo(expected);
    assertThat(ids(json(api.get(q + "&size=2&page=2", caller))))
        .isEqualTo(expected.subList(2, Math.min(4, expected.size())));
    List<String> walked = new ArrayList<>();
    String next = q + "&size=2&cursor=";
    while (next != null) {
      JsonNode page = json(api.get(next, caller));
      assertThat(page.path("hits").path("total").asLong()).isEqualTo(expected.size());
      walked.addAll(ids(page));
      next = page.path("links").has("next")
          ? page.path("links").path("next").asString().substring(api.baseUrl().length()) : null;
      assertThat(walked.size()).isLessThanOrEqualTo(expected.size());
    }
    assertThat(walked).isEqualTo(expected);
  }

  /** The ids the four fields' pairs found, each record once with their summed scores, in bestmatch order. */
  private List<String> fourFieldPairs(String first, String second, RecordStore.Visibility visibility) {
    Map<String, Object> params = new LinkedHashMap<>();
    String visible = FacetCounts.visible(visibility, params);
    for (String field : List.of("a", "b", "c", "d")) {
      params.put(field, field + "=" + first + "~" + second);
    }
    return jdbc.sql("select record_id from (select record_id, sum(score) as score, created from search_postings"
        + " where term in (:a, :b, :c, :d)" + visible + " group by record_id, created) m"
        + " order by score desc, created desc, record_id").params(params).query(String.class).list();
  }

  private static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.path("hits").path("hits").forEach(hit -> ids.add(hit.path("id").asString()));
    return ids;
  }

  /** Every posting as kept (term, viewer, record: score), and as search_terms() makes them from the records now. */
  private Map<String, String> postingsKept() {
    return texts("select concat_ws(' ', term, viewer, record_id), score::text from search_postings");
  }

  private Map<String, String> postingsRecounted() {
    return texts("select concat_ws(' ', t.term, " + PostgresPostings.viewer("r") + ", r.id), t.score::text"
        + " from records r, search_terms(r.search_vector) t where r.deleted is null");
  }

  private Map<String, String> texts(String sql) {
    Map<String, String> rows = new TreeMap<>();
    jdbc.sql(sql).query(rs -> {
      assertThat(rows.put(rs.getString(1), rs.getString(2))).as(rs.getString(1)).isNull();
    });
    return rows;
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
