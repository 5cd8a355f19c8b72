package org.strongroom.records;

import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.strongroom.search.SearchProperties;

/**
 * The search dialect for the configured database, the backfill migration (V92) that indexes
 * the records stored before search existed, the conversions of what PostgreSQL stores (V110
 * field lexemes, V121 postings, V122 term counts, V123 phrases in any field, V124 word sets), and
 * the start-up check that re-indexes them when {@code strongroom.search.language} has changed since.
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

  @Bean
  SearchDialect searchDialect(DataSource dataSource, SearchProperties properties) {
    SearchDialect dialect = SearchIndex.dialect(dataSource, properties);
    if (dialect instanceof PostgresSearch) {
      Long known = JdbcClient.create(dataSource).sql("select count(*) from pg_ts_config where cfgname = :name")
          .param("name", properties.language()).query(Long.class).single();
      if (known == 0) {
        throw new IllegalStateException("strongroom.search.language: PostgreSQL has no text search "
            + "configuration '" + properties.language() + "'; use simple (the default) or one listed by \\dF");
      }
    }
    return dialect;
  }

  @Bean
  SearchIndex searchIndex(JdbcClient jdbc, SearchDialect dialect) {
    return new SearchIndex(jdbc, dialect);
  }

  @Bean
  InitializingBean searchLanguageCheck(SearchIndex index, SearchProperties properties) {
    return () -> {
      String indexed = index.indexedLanguage().orElse(null);
      if (!properties.language().equals(indexed)) {
        log.info("Search index built for language {}, configured {}: re-indexing every record",
            indexed, properties.language());
        index.reindexAll(properties.language());
      }
    };
  }

  @Bean
  JavaMigration searchBackfill(SearchProperties properties) {
    return new Backfill(properties);
  }

  @Bean
  JavaMigration searchFields() {
    return new FieldLexemes();
  }

  @Bean
  JavaMigration searchPostings() {
    return new Postings();
  }

  /**
   * V121, PostgreSQL: the postings of every live record (V120 made the table), in one statement
   * from the stored vectors, the index built once afterwards; and the facet counts. Nothing to
   * do on H2.
   */
  static final class Postings extends PostgresStatements {

    Postings() {
      super("121", "search postings", PostgresPostings.INSERT_ALL, PostgresPostings.INDEX, FacetCounts.FILL,
          "analyze search_postings", "analyze search_facet_counts");
    }
  }

  @Bean
  JavaMigration searchTermCounts() {
    return new RankedPostings();
  }

  /**
   * V122, PostgreSQL: the document frequency of every term per viewer ({@link TermCounts}),
   * counted from the postings, the postings' rank index ({@link PostgresPostings#RANK_INDEX})
   * and the facet counts per word ({@link TermFacets}), so that a one-term query totals, pages
   * and (a word in any field) facets without reading every match. Nothing to do on H2.
   */
  static final class RankedPostings extends PostgresStatements {

    RankedPostings() {
      super("122", "search term counts", "create table search_term_counts (term text not null,"
          + " viewer bigint not null, records bigint not null, primary key (term, viewer))",
          TermCounts.FILL, PostgresPostings.RANK_INDEX, "create table search_term_facets (term text not null,"
          + " viewer bigint not null, facet varchar(16) not null, bucket varchar(200) not null, records bigint not null,"
          + " primary key (term, viewer, facet, bucket))",
          // Counting each word's postings by keyword groups tens of millions of rows at 1,000,000 records.
          "set local work_mem = '256MB'", TermFacets.FILL,
          "analyze search_term_counts", "analyze search_term_facets");
    }
  }

  @Bean
  JavaMigration searchPhrasePostings() {
    return new PhrasePostings();
  }

  /**
   * V123, PostgreSQL: {@code search_terms()} also gives each two-word phrase in any field as one
   * term ({@link PostgresPostings#TERMS_FUNCTION}), and every live record gets those postings and
   * their document frequencies, so that a phrase in any field totals and pages like a word. The
   * btrees are kept (the new terms are inserted in their order, one range of each) rather than
   * rebuilt over every posting. Nothing to do on H2.
   */
  static final class PhrasePostings extends PostgresStatements {

    PhrasePostings() {
      super("123", "search phrase postings", PostgresPostings.TERMS_FUNCTION,
          // Sorting the new postings (22 a record) before the insert.
          "set local work_mem = '256MB'", PostgresPostings.INSERT_PHRASES,
          "analyze search_postings", "analyze search_term_counts");
    }
  }

  @Bean
  JavaMigration searchWordSets() {
    return new WordSetsMigration();
  }

  /**
   * V124, PostgreSQL: every live record gets its number and every word posting its entry in the
   * word sets ({@link WordSets}), so that a query of several words intersects sets instead of
   * joining postings. Nothing to do on H2.
   */
  static final class WordSetsMigration extends PostgresStatements {

    WordSetsMigration() {
      super("124", "search word sets", WordSets.NUMBERS_TABLE, WordSets.SETS_TABLE, WordSets.SETS_STORAGE,
          WordSets.FILL_NUMBERS,
          // Grouping every word posting (~25 a record) by word, viewer and block.
          "set local work_mem = '256MB'", WordSets.FILL, "analyze search_numbers", "analyze search_word_sets");
    }
  }

  /**
   * V110, PostgreSQL: the stored vectors get their fields in the lexemes and a lexeme per pair of
   * neighbouring words ({@link PostgresSearch#fielded}), converted from the weights they carry.
   * The index is built once afterwards rather than updated row by row. Nothing to do on H2.
   */
  static final class FieldLexemes extends PostgresStatements {

    FieldLexemes() {
      super("110", "search field lexemes", "drop index records_search",
          // V92 indexes in the current form already (records stored before V90): those have a '~'.
          "update records set search_vector = " + PostgresSearch.fielded("search_vector")
              + " where position('~' in search_vector::text) = 0",
          "create index records_search on records using gin (search_vector)");
    }
  }

  /** V92: indexes the records stored before V90/V91 added the search columns. */
  static final class Backfill extends SearchMigration {

    private final SearchProperties properties;

    Backfill(SearchProperties properties) {
      super("92", "search backfill");
      this.properties = properties;
    }

    @Override
    public void migrate(Context context) throws Exception {
      Connection connection = context.getConnection();
      SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
      // The postings table comes later (V120); V121 fills it from the vectors written here.
      SearchDialect dialect = SearchIndex.isPostgres(connection)
          ? new PostgresSearch(properties.language(), false) : new H2Search();
      new SearchIndex(JdbcClient.create(single), dialect).reindexAll(properties.language());
    }
  }

  /** A migration that runs its statements in order on PostgreSQL and does nothing on H2. */
  abstract static class PostgresStatements extends SearchMigration {

    private final List<String> statements;

    PostgresStatements(String version, String description, String... statements) {
      super(version, description);
      this.statements = List.of(statements);
    }

    @Override
    public void migrate(Context context) throws Exception {
      Connection connection = context.getConnection();
      if (!SearchIndex.isPostgres(connection)) {
        return;
      }
      try (var statement = connection.createStatement()) {
        for (String sql : statements) {
          statement.execute(sql);
        }
      }
    }
  }

  /** A migration of this package's, versioned among the SQL ones, run again on no checksum change. */
  abstract static class SearchMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    SearchMigration(String version, String description) {
      this.version = MigrationVersion.fromVersion(version);
      this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
      return version;
    }

    @Override
    public String getDescription() {
      return description;
    }

    @Override
    public Integer getChecksum() {
      return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
      return true;
    }
  }
}
