package org.strongroom.records;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL's facet counts per word ({@code search_term_facets}, V122): the number of live
 * records holding a word (in any field) per facet value and viewer. The facets of a one-word
 * query are then read from a few hundred rows instead of from every match: the keyword facet
 * looked up each match's keywords (14,000 lookups for a common word at 1,000,000 records). Only
 * words of ASCII letters and digits, the terms {@link PostgresPostings} ranks, are counted. Kept
 * by the write path with {@link FacetCounts} (a key with a term), after it, in one upsert
 * whose rows are locked in key order.
 */
final class TermFacets {

  /** A record's words as its one-word postings' terms, from its stored vector. */
  private static final String WORDS = "lateral (select distinct substr(u.lexeme, 3) as term from unnest(r.search_vector) u"
      + " where u.lexeme ~ '^[a-d]~[a-z0-9]{1,100}$') w";

  /** What the record counts for here, as {@link FacetCounts#state}'s rows with a term. */
  static final String STATE = "select f.facet, f.bucket, " + PostgresPostings.viewer("r") + ", w.term"
      + " from records r, lateral (values ('type', r.resource_type), ('license', r.license),"
      + " ('year', cast(r.pub_year as varchar(11)))) f(facet, bucket), " + WORDS
      + " where r.id = :id and r.deleted is null and f.bucket is not null"
      + " union all select 'keyword', k.keyword, " + PostgresPostings.viewer("r") + ", w.term"
      + " from records r join record_keywords k on k.record_id = r.id, " + WORDS
      + " where r.id = :id and r.deleted is null";

  /** Every live record's counts, from the one-word postings: the backfill (V122) and the seed. */
  static final String FILL = "insert into search_term_facets (term, viewer, facet, bucket, records)"
      + " select p.term, p.viewer, f.facet, f.bucket, count(*) from search_postings p,"
      + " lateral (values ('type', p.resource_type), ('license', p.license), ('year', cast(p.pub_year as varchar(11))))"
      + " f(facet, bucket) where p.term ~ '^[a-z0-9]{1,100}$' and f.bucket is not null group by 1, 2, 3, 4"
      + " union all select p.term, p.viewer, 'keyword', k.keyword, count(*) from search_postings p"
      + " join record_keywords k on k.record_id = p.record_id where p.term ~ '^[a-z0-9]{1,100}$' group by 1, 2, 4";

  private TermFacets() {}

  /** Applies the changes (FacetCounts keys with a term) in one upsert, in key order. */
  static void apply(JdbcClient jdbc, Map<FacetCounts.Key, Integer> delta) {
    if (delta.isEmpty()) {
      return;
    }
    List<Object[]> rows = new java.util.ArrayList<>();
    new TreeMap<>(delta).forEach((key, change) ->
        rows.add(new Object[] {key.term(), key.viewer(), key.facet(), key.bucket(), change}));
    jdbc.sql("insert into search_term_facets (term, viewer, facet, bucket, records)"
        + " select d.term, d.viewer, d.facet, d.bucket, d.records from json_to_recordset(cast(:rows as json))"
        + " d(n integer, term text, viewer bigint, facet text, bucket text, records bigint)"
        + " order by d.n on conflict (term, viewer, facet, bucket)"
        + " do update set records = search_term_facets.records + excluded.records")
        .param("rows", TermCounts.json(rows, "term", "viewer", "facet", "bucket", "records")).update();
  }

  /**
   * The facets asked for among the records holding the word that the caller may see (columns
   * facet, bucket, doc_count, each facet's buckets in {@link SearchSql#facet}'s order).
   */
  static String facets(String term, String visible, List<String> facets) {
    return "select facet, bucket, doc_count from (select facet, bucket, sum(records) as doc_count,"
        + " row_number() over (partition by facet order by sum(records) desc,"
        + " case when facet = 'year' then cast(bucket as integer) end, bucket) as n from search_term_facets"
        + " where term = " + term + visible + " and facet in ('" + String.join("', '", facets) + "')"
        + " group by facet, bucket having sum(records) > 0) x where n <= " + Facet.BUCKETS + " order by facet, n";
  }
}
