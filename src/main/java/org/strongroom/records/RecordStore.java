package org.strongroom.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.Duration;
import java.util.EnumMap;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.cluster.Revocation;
import org.strongroom.cluster.Revocations;
import org.strongroom.core.ApiException;
import org.strongroom.search.SearchProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RecordStore {

  /** Which rows a caller may see: {@code null} owner means anonymous, superusers see all. */
  record Visibility(Long userId, boolean everything) {
    static final Visibility ANONYMOUS = new Visibility(null, false);
  }

  /** What {@link #map} reads, in that order: not the search columns, which only the database uses. */
  private static final String COLUMNS = "id, owner_id, access, metadata, revision, created, updated, deleted";

  private final JdbcClient jdbc;
  private final SearchDialect dialect;
  private final TransactionTemplate transactions;
  private final Duration timeout;
  private final Revocations revocations;

  RecordStore(JdbcClient jdbc, SearchDialect dialect, PlatformTransactionManager transactionManager,
      SearchProperties properties, Revocations revocations) {
    this.jdbc = jdbc;
    this.revocations = revocations;
    this.dialect = dialect;
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setReadOnly(true);
    this.timeout = properties.timeout();
  }

  SearchDialect dialect() {
    return dialect;
  }

  void insert(StoredRecord record, String titleSort) {
    jdbc.sql("""
        insert into records (id, owner_id, access, metadata, title_sort, revision, created, updated)
        values (:id, :owner, :access, :metadata, :title, :revision, :created, :updated)""")
        .param("id", record.id()).param("owner", record.ownerId())
        .param("access", record.access().value())
        .param("metadata", record.metadataJson())
        .param("title", titleSort)
        .param("revision", record.revision())
        .param("created", Timestamp.from(record.created()))
        .param("updated", Timestamp.from(record.updated()))
        .update();
  }

  /**
   * Compare-and-set on the revision: false when someone else changed the record first. Like
   * every write to a stored record, it makes every instance's {@link RecordCache} forget the
   * record once the change commits.
   */
  boolean update(StoredRecord record, int expectedRevision, String titleSort) {
    changing(record.id());
    return jdbc.sql("""
        update records set access = :access, metadata = :metadata, title_sort = :title,
          revision = :revision, updated = :updated
        where id = :id and revision = :expected and deleted is null""")
        .param("access", record.access().value())
        .param("metadata", record.metadataJson())
        .param("title", titleSort)
        .param("revision", record.revision()).param("updated", Timestamp.from(record.updated()))
        .param("id", record.id()).param("expected", expectedRevision)
        .update() == 1;
  }

  boolean markDeleted(String id, Instant now) {
    changing(id);
    return jdbc.sql("update records set deleted = :now, revision = revision + 1 where id = :id and deleted is null")
        .param("now", Timestamp.from(now)).param("id", id).update() == 1;
  }

  /** Announced after the commit (or at once outside a transaction), whether or not a row changed. */
  private void changing(String id) {
    revocations.announce(Revocation.record(id));
  }

  /**
   * The one query of every record read: a positional parameter, since a named one costs a look
   * in the parsed-statement cache and a rewrite of the statement on every call.
   */
  Optional<StoredRecord> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from records where id = ?").param(id)
        .query(this::map).optional();
  }

  /** A hit and where it stands in its order, for a cursor. */
  record Hit(StoredRecord record, SearchCursor.Position position) {}

  record Bucket(String key, long docCount) {}

  /** One page; {@code more} when rows follow it; buckets for the facets asked for. */
  record Page(List<Hit> hits, long total, boolean more, Map<Facet, List<Bucket>> aggregations) {
    List<StoredRecord> records() {
      return hits.stream().map(Hit::record).toList();
    }
  }

  /** Runs a search's statements under {@code strongroom.search.timeout}: 503 when they take longer. */
  Page search(SearchSql sql, Set<Facet> facets, SearchCursor.Position after, int offset, int size) {
    try {
      return transactions.execute(status -> {
        dialect.timeoutStatements(timeout.toMillis()).forEach(statement -> jdbc.sql(statement).update());
        try {
          return run(sql, facets, after, offset, size);
        } finally {
          dialect.resetStatements().forEach(statement -> jdbc.sql(statement).update());
        }
      });
    } catch (DataAccessException e) {
      if (cancelled(e)) {
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The search took longer than the "
            + timeout.toMillis() + " ms allowed; make the query more specific (fewer prefixes and ORs)");
      }
      throw e;
    }
  }

  private Page run(SearchSql sql, Set<Facet> facets, SearchCursor.Position after, int offset, int size) {
    long total;
    List<Hit> hits;
    Map<String, Object> params = new LinkedHashMap<>();
    if (sql.wordSets() != null) {
      var found = WordSetSearch.find(jdbc, sql.wordSets(), sql.visibility(), after, after == null ? offset : 0, size + 1);
      total = found.total();
      hits = found.page() == null ? List.of() : jdbc.sql(found.page()).params(found.params()).query(this::hit).list();
    } else if (dialect.totalWithPage() && sql.narrowed()) {
      long[] counted = {0};
      hits = jdbc.sql(sql.totalAndPage(after, params)).params(params).param("size", size + 1)
          .param("offset", after == null ? offset : 0)
          .query((rs, n) -> {
            counted[0] = rs.getLong(11);
            return rs.getString(1) == null ? null : hit(rs, n);
          }).list().stream().filter(java.util.Objects::nonNull).toList();
      total = counted[0];
    } else if (!sql.narrowed() && dialect.keepsCounts()) {
      Map<String, Object> visible = new LinkedHashMap<>();
      total = jdbc.sql(FacetCounts.total(sql.visibility(), visible)).params(visible).query(Long.class).single();
      hits = total <= offset && after == null ? List.of()
          : jdbc.sql(sql.page(after, params)).params(params).param("size", size + 1)
              .param("offset", after == null ? offset : 0).query(this::hit).list();
    } else {
      total = jdbc.sql(sql.count()).params(sql.params()).query(Long.class).single();
      String page = sql.page(after, params);
      hits = after == null && total <= offset ? List.of()
          : jdbc.sql(page).params(params).param("size", size + 1).param("offset", after == null ? offset : 0)
              .query(this::hit).list();
    }
    boolean more = hits.size() > size;
    Map<Facet, List<Bucket>> aggregations = new EnumMap<>(Facet.class);
    var together = sql.facets(facets);
    if (together.isPresent()) {
      facets.forEach(facet -> aggregations.put(facet, new ArrayList<>()));
      jdbc.sql(together.get()).params(sql.params()).query(rs -> {
        aggregations.get(Facet.named(rs.getString(1)).orElseThrow()).add(new Bucket(rs.getString(2), rs.getLong(3)));
      });
      return new Page(more ? hits.subList(0, size) : hits, total, more, aggregations);
    }
    for (Facet facet : facets) {
      Map<String, Object> facetParams = new LinkedHashMap<>(sql.params());
      String facetSql = !sql.narrowed() && dialect.keepsCounts()
          ? FacetCounts.facet(facet, sql.visibility(), facetParams) : sql.facet(facet);
      aggregations.put(facet, jdbc.sql(facetSql).params(facetParams)
          .query((rs, n) -> new Bucket(rs.getString(1), rs.getLong(2))).list());
    }
    return new Page(more ? hits.subList(0, size) : hits, total, more, aggregations);
  }

  /** PostgreSQL's query_canceled and H2's STATEMENT_WAS_CANCELED share the SQLSTATE 57014. */
  private static boolean cancelled(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private Hit hit(ResultSet rs, int row) throws SQLException {
    StoredRecord record = map(rs, row);
    return new Hit(record, new SearchCursor.Position(rs.getFloat(10), record.created(), rs.getString(9), record.id()));
  }

  /** One row of {@link #COLUMNS}, read by position (by name, H2 builds a lookup map per query). */
  private StoredRecord map(ResultSet rs, int row) throws SQLException {
    Timestamp deleted = rs.getTimestamp(8);
    return new StoredRecord(rs.getString(1), rs.getLong(2),
        Access.parse(rs.getString(3)).orElse(Access.RESTRICTED),
        rs.getString(4), rs.getInt(5),
        rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
        deleted == null ? null : deleted.toInstant());
  }
}
