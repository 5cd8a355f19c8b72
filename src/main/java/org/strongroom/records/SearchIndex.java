package org.strongroom.records;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.search.SearchProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a record's search columns current: its words (through the database's
 * {@link SearchDialect}), type, license, year and keywords. The write path calls {@link #write}
 * in the record's own transaction; {@link #reindexAll} rebuilds every record, from the backfill
 * migration and at start-up when {@code strongroom.search.language} has changed.
 */
final class SearchIndex {

  private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
  private static final int BATCH = 500;
  static final String LANGUAGE_SETTING = "language";

  private final JdbcClient jdbc;
  private final SearchDialect dialect;

  SearchIndex(JdbcClient jdbc, SearchDialect dialect) {
    this.jdbc = jdbc;
    this.dialect = dialect;
  }

  /** The dialect for the database behind a connection. */
  static SearchDialect dialect(Connection connection, SearchProperties properties) throws SQLException {
    return isPostgres(connection) ? new PostgresSearch(properties.language()) : new H2Search();
  }

  static boolean isPostgres(Connection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
  }

  static SearchDialect dialect(DataSource dataSource, SearchProperties properties) {
    try (Connection connection = dataSource.getConnection()) {
      return dialect(connection, properties);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database", e);
    }
  }

  /** Indexes a new record. */
  void write(String id, SearchDocument document) {
    write(id, document, List.of());
  }

  /** What the record counts for now: to be given to {@link #write} or {@link #remove} after changing it. */
  List<FacetCounts.Key> counted(String id) {
    return dialect.counted(jdbc, id);
  }

  /** Re-indexes a changed record; {@code before} is what it counted for before the change ({@link #counted}). */
  void write(String id, SearchDocument document, List<FacetCounts.Key> before) {
    jdbc.sql("update records set resource_type = :type, license = :license, pub_year = :year where id = :id")
        .param("type", document.type()).param("license", document.license())
        .param("year", document.year()).param("id", id).update();
    jdbc.sql("delete from record_keywords where record_id = :id").param("id", id).update();
    for (String keyword : document.keywords()) {
      jdbc.sql("insert into record_keywords (record_id, keyword) values (:id, :keyword)")
          .param("id", id).param("keyword", keyword).update();
    }
    dialect.writeWords(jdbc, id, document);
    dialect.recount(jdbc, id, before);
  }

  /** A record was deleted: search forgets its words. */
  void remove(String id, List<FacetCounts.Key> before) {
    dialect.removeWords(jdbc, id);
    dialect.recount(jdbc, id, before);
  }

  /** Re-indexes every record, in id order and batches, then remembers the language it used. */
  void reindexAll(String language) {
    JsonMapper mapper = JsonMapper.builder().build();
    String after = "";
    long done = 0;
    while (true) {
      record Row(String id, String metadata) {}
      List<Row> rows = jdbc.sql("select id, metadata from records where id > :after order by id limit " + BATCH)
          .param("after", after).query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).list();
      if (rows.isEmpty()) {
        break;
      }
      for (Row row : rows) {
        JsonNode metadata = mapper.readTree(row.metadata());
        write(row.id(), SearchDocument.of(metadata), counted(row.id()));
      }
      done += rows.size();
      after = rows.get(rows.size() - 1).id();
      if (done % 50_000 < BATCH) {
        log.info("Search index: {} records re-indexed", done);
      }
    }
    jdbc.sql("delete from search_settings where name = :name").param("name", LANGUAGE_SETTING).update();
    jdbc.sql("insert into search_settings (name, setting_value) values (:name, :value)")
        .param("name", LANGUAGE_SETTING).param("value", language).update();
  }

  /** The language the index was built with, if it was. */
  java.util.Optional<String> indexedLanguage() {
    return jdbc.sql("select setting_value from search_settings where name = :name")
        .param("name", LANGUAGE_SETTING).query(String.class).optional();
  }
}
