package org.strongroom.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit tables, reached through a small connection pool of their own. Entries are
 * written in their own transaction (a failed login is recorded even when the caller's
 * transaction rolls back); borrowing that connection from the application's pool while the
 * caller holds one could exhaust the pool under load and deadlock, a separate pool cannot.
 */
@Repository
class AuditStore implements DisposableBean {

  record Head(long lastId, String lastHash) {}

  private final HikariDataSource dataSource;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  AuditStore(JdbcConnectionDetails database) {
    dataSource = DataSourceBuilder.create().type(HikariDataSource.class).url(database.getJdbcUrl())
        .username(database.getUsername()).password(database.getPassword()).build();
    dataSource.setPoolName("strongroom-audit");
    dataSource.setMaximumPoolSize(2);
    dataSource.setMinimumIdle(0);
    dataSource.setIdleTimeout(60_000);
    jdbc = JdbcClient.create(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  <T> T inTransaction(Supplier<T> work) {
    return transactions.execute(status -> work.get());
  }

  /** The chain head, locked until the transaction ends: the one point all writers queue at. */
  Head lockHead() {
    return jdbc.sql("select last_id, last_hash from audit_chain_head where id = 1 for update")
        .query((rs, n) -> new Head(rs.getLong("last_id"), rs.getString("last_hash"))).single();
  }

  Head head() {
    return jdbc.sql("select last_id, last_hash from audit_chain_head where id = 1")
        .query((rs, n) -> new Head(rs.getLong("last_id"), rs.getString("last_hash"))).single();
  }

  /** Inserts the entry and moves the head to it; call with the head locked. */
  void append(AuditEntry entry) {
    insert(entry);
    jdbc.sql("update audit_chain_head set last_id = :id, last_hash = :hash where id = 1")
        .param("id", entry.id()).param("hash", entry.hash()).update();
  }

  void insert(AuditEntry entry) {
    jdbc.sql("""
        insert into audit_log (id, occurred_at, actor_user_id, client_address, action, target, outcome,
            details, prev_hash, hash)
        values (:id, :time, :actor, :client, :action, :target, :outcome, :details, :prev, :hash)""")
        .param("id", entry.id()).param("time", OffsetDateTime.ofInstant(entry.time(), ZoneOffset.UTC))
        .param("actor", entry.actorUserId()).param("client", entry.clientAddress())
        .param("action", entry.action()).param("target", entry.target()).param("outcome", entry.outcome())
        .param("details", entry.detailsJson()).param("prev", entry.prevHash()).param("hash", entry.hash())
        .update();
  }

  /** Entries with {@code after < id <= upTo}, in id order, at most {@code size}. */
  List<AuditEntry> page(long after, long upTo, int size) {
    return jdbc.sql("select * from audit_log where id > :after and id <= :upTo order by id fetch first "
            + size + " rows only")
        .param("after", after).param("upTo", upTo).query(AuditStore::map).list();
  }

  /** Newest first, at most {@code size}; each filter applies when not null. */
  List<AuditEntry> search(Long actor, String actionPrefix, Instant from, Instant until, int size) {
    StringBuilder sql = new StringBuilder("select * from audit_log where 1 = 1");
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    if (actor != null) {
      sql.append(" and actor_user_id = :actor");
      params.put("actor", actor);
    }
    if (actionPrefix != null) {
      sql.append(" and action like :action escape '!'");
      params.put("action", actionPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    if (from != null) {
      sql.append(" and occurred_at >= :from");
      params.put("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
    }
    if (until != null) {
      sql.append(" and occurred_at < :until");
      params.put("until", OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
    }
    sql.append(" order by id desc fetch first ").append(size).append(" rows only");
    return jdbc.sql(sql.toString()).params(params).query(AuditStore::map).list();
  }

  Optional<AuditEntry> find(long id) {
    return jdbc.sql("select * from audit_log where id = :id").param("id", id).query(AuditStore::map).optional();
  }

  private static AuditEntry map(ResultSet rs, int row) throws SQLException {
    long actorId = rs.getLong("actor_user_id");
    Long actor = rs.wasNull() ? null : actorId;
    return new AuditEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        actor, rs.getString("client_address"), rs.getString("action"),
        rs.getString("target"), rs.getString("outcome"), parseDetails(rs.getString("details")),
        rs.getString("prev_hash"), rs.getString("hash"));
  }

  /** An edited details column that is no longer JSON still maps: its hash will not match. */
  private static java.util.SortedMap<String, String> parseDetails(String json) {
    try {
      return AuditEntry.parseDetails(json);
    } catch (RuntimeException e) {
      return new java.util.TreeMap<>(java.util.Map.of("unreadable", json == null ? "" : json));
    }
  }

  @Override
  public void destroy() {
    dataSource.close();
  }
}
