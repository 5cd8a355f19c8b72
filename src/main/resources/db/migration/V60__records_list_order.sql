-- The list's orders are (created desc, id) and (title_sort, id). Indexes on created or
-- title_sort alone do not give the tie-breaker, so a page could sort every visible row. These
-- hold the rows in list order: H2 reads a page of 10 as 10 index entries ("index sorted",
-- scanCount 10, on 110,000 records; docs/benchmarks.md). They serve all the old ones did.
create index records_recent on records (created desc, id);
create index records_title_order on records (title_sort, id);
drop index records_created;
drop index records_title;
