-- Search (SPEC §15), the parts the same on H2 and PostgreSQL. Words are indexed per database
-- (db/vendor/*/V91); V92 (records/SearchConfiguration, a Java migration) fills both for the
-- records already stored. search_text, the LIKE search's column, is replaced.
alter table records add column resource_type varchar(32);
alter table records add column license varchar(100);
alter table records add column pub_year integer;
alter table records drop column search_text;

-- One row per keyword of a record, folded to lower case: the keyword facet and filter.
create table record_keywords (
    record_id varchar(16) not null references records (id),
    keyword   varchar(200) not null,
    primary key (record_id, keyword)
);
create index record_keywords_keyword on record_keywords (keyword, record_id);

-- What the index was built with; a change of strongroom.search.language re-indexes at start-up.
create table search_settings (
    name          varchar(63) primary key,
    setting_value varchar(200) not null
);
