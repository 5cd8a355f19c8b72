package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.search.SearchQuery;

/**
 * Which index H2 takes for a search's two queries, on the real migrations and 20,000 records.
 * A page must read its rows in list order from records_recent or records_title_order (10
 * entries, not a sort of every visible row), and the total must count records_visible rather
 * than read the whole table. Both once went wrong unnoticed: the page sorted everything when an
 * index led with a column of its conditions, and the count read 100,000 full rows after every
 * write (bench/results/2026-history-records.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordQueryPlanTests {

  private static final int RECORDS = 20_000;

  private JdbcClient jdbc;

  enum Caller {
    ANONYMOUS(RecordStore.Visibility.ANONYMOUS),
    USER(new RecordStore.Visibility(2L, false)),
    SUPERUSER(new RecordStore.Visibility(1L, true));

    final RecordStore.Visibility visibility;

    Caller(RecordStore.Visibility visibility) {
      this.visibility = visibility;
    }
  }

  @BeforeAll
  void migrateAndFill() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/h2")
        .load().migrate();
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("""
        insert into users (id, email, password_hash, superuser, created, password_changed)
        select x, 'user' || x || '@example.org', 'x', x = 1, current_timestamp, current_timestamp from system_range(1, 20)""")
        .update();
    jdbc.sql("""
        insert into records (id, owner_id, access, metadata, title_sort, revision, created, updated)
        select 'r' || x, 1 + mod(x, 20), case when mod(x, 3) = 0 then 'restricted' else 'public' end,
          '{"title": "Record ' || x || '"}', 'record ' || x, 1,
          timestamp with time zone '2026-01-01 00:00:00+00' + x * interval '1' second,
          timestamp with time zone '2026-01-01 00:00:00+00' + x * interval '1' second
        from system_range(1, :records)""").param("records", RECORDS).update();
    jdbc.sql("analyze").update();
  }

  @ParameterizedTest
  @EnumSource(Caller.class)
  void aPageOfTheMostRecentReadsTenEntriesOfRecordsRecent(Caller caller) {
    String plan = pagePlan(caller, RecordSort.MOSTRECENT);
    assertThat(plan).contains("RECORDS_RECENT").doesNotContain("tableScan");
  }

  @ParameterizedTest
  @EnumSource(Caller.class)
  void aPageByTitleReadsTenEntriesOfRecordsTitleOrder(Caller caller) {
    String plan = pagePlan(caller, RecordSort.TITLE);
    assertThat(plan).contains("RECORDS_TITLE_ORDER").doesNotContain("tableScan");
  }

  @ParameterizedTest
  @EnumSource(Caller.class)
  void theTotalCountsRecordsVisible(Caller caller) {
    SearchSql sql = sql(caller, RecordSort.MOSTRECENT);
    String plan = explain(sql.count(), sql);
    assertThat(plan).contains("RECORDS_VISIBLE").doesNotContain("tableScan");
  }

  private String pagePlan(Caller caller, RecordSort sort) {
    SearchSql sql = sql(caller, sort);
    String plan = explain(sql.page(null, new java.util.HashMap<>()), sql);
    // EXPLAIN ANALYZE reports how many rows the query read: a page read in index order stops
    // after its 10 (and the few restricted ones it skips), a sort reads every visible row.
    assertThat(scanCount(plan)).as(plan).isLessThan(50);
    return plan;
  }

  private static SearchSql sql(Caller caller, RecordSort sort) {
    return SearchSql.of(new H2Search(), caller.visibility, SearchQuery.EVERYTHING, Map.of(), sort);
  }

  private String explain(String query, SearchSql sql) {
    return jdbc.sql("explain analyze " + query).params(sql.params()).param("size", 10).param("offset", 0)
        .query(String.class).single();
  }

  private static long scanCount(String plan) {
    java.util.regex.Matcher count = java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(plan);
    long most = 0;
    while (count.find()) {
      most = Math.max(most, Long.parseLong(count.group(1)));
    }
    return most;
  }
}
