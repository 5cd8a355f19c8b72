-- PostgreSQL: one weighted tsvector per record (records/PostgresSearch) and its GIN index.
alter table records add column search_vector tsvector default ''::tsvector not null;
create index records_search on records using gin (search_vector);
