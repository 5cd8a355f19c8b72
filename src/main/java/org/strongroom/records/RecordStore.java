package org.strongroom.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RecordStore {

  /** Which rows a caller may see: {@code null} owner means anonymous, superusers see all. */
  record Visibility(Long userId, boolean everything) {
    static final Visibility ANONYMOUS = new Visibility(null, false);
  }

  /**
   * What {@link #map} reads, in that order: not {@code search_text} and {@code title_sort}, which
   * only the database uses (a read fetched a second copy of the record's text with them).
   */
  private static final String COLUMNS = "id, owner_id, access, metadata, revision, created, updated, deleted";

  private final JdbcClient jdbc;

  RecordStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StoredRecord record, String titleSort, String searchText) {
    jdbc.sql("""
        insert into records (id, owner_id, access, metadata, title_sort, search_text, revision, created, updated)
        values (:id, :owner, :access, :metadata, :title, :search, :revision, :created, :updated)""")
        .param("id", record.id()).param("owner", record.ownerId())
        .param("access", record.access().value())
        .param("metadata", record.metadataJson())
        .param("title", titleSort).param("search", searchText)
        .param("revision", record.revision())
        .param("created", Timestamp.from(record.created()))
        .param("updated", Timestamp.from(record.updated()))
        .update();
  }

  /** Compare-and-set on the revision: false when someone else changed the record first. */
  boolean update(StoredRecord record, int expectedRevision, String titleSort, String searchText) {
    return jdbc.sql("""
        update records set access = :access, metadata = :metadata, title_sort = :title,
          search_text = :search, revision = :revision, updated = :updated
        where id = :id and revision = :expected and deleted is null""")
        .param("access", record.access().value())
        .param("metadata", record.metadataJson())
        .param("title", titleSort).param("search", searchText)
        .param("revision", record.revision()).param("updated", Timestamp.from(record.updated()))
        .param("id", record.id()).param("expected", expectedRevision)
        .update() == 1;
  }

  boolean markDeleted(String id, Instant now) {
    return jdbc.sql("update records set deleted = :now, revision = revision + 1 where id = :id and deleted is null")
        .param("now", Timestamp.from(now)).param("id", id).update() == 1;
  }

  Optional<StoredRecord> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from records where id = :id").param("id", id)
        .query(this::map).optional();
  }

  record Page(List<StoredRecord> hits, long total) {}

  Page search(Visibility visibility, List<String> terms, RecordSort sort, int offset, int size) {
    SearchSql sql = SearchSql.of(visibility, terms, sort);
    long total = jdbc.sql(sql.count()).params(sql.params()).query(Long.class).single();
    List<StoredRecord> hits = total <= offset ? List.of()
        : jdbc.sql(sql.page()).params(sql.params()).param("size", size).param("offset", offset)
            .query(this::map).list();
    return new Page(hits, total);
  }

  /**
   * The two queries of a search: the total the caller may see, and one page of it in order
   * ({@code :size} and {@code :offset} still to bind). RecordQueryPlanTests checks which index
   * H2 takes for each.
   */
  record SearchSql(String where, String order, Map<String, Object> params) {

    static SearchSql of(Visibility visibility, List<String> terms, RecordSort sort) {
      StringBuilder where = new StringBuilder(" where deleted is null");
      Map<String, Object> params = new LinkedHashMap<>();
      if (!visibility.everything()) {
        if (visibility.userId() == null) {
          where.append(" and access = 'public'");
        } else {
          where.append(" and (access = 'public' or owner_id = :viewer)");
          params.put("viewer", visibility.userId());
        }
      }
      for (int i = 0; i < terms.size(); i++) {
        where.append(" and search_text like :term").append(i).append(" escape '\\'");
        params.put("term" + i, "%" + escapeLike(terms.get(i)) + "%");
      }
      String order = switch (sort) {
        case MOSTRECENT -> " order by created desc, id";
        case TITLE -> " order by title_sort, id";
        case BESTMATCH -> terms.isEmpty() ? " order by created desc, id"
            : " order by case when title_sort like :phrase escape '\\' then 0 else 1 end, created desc, id";
      };
      if (sort == RecordSort.BESTMATCH && !terms.isEmpty()) {
        params.put("phrase", "%" + escapeLike(String.join(" ", terms)) + "%");
      }
      return new SearchSql(where.toString(), order, params);
    }

    String count() {
      return "select count(*) from records" + where;
    }

    String page() {
      return "select " + COLUMNS + " from records" + where + order + " limit :size offset :offset";
    }
  }

  static String escapeLike(String term) {
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
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
