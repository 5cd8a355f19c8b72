-- Seeds :n records into the current schema for bench/search.sh, in SQL (not through the API).
-- Titles (3-6 words), descriptions (12-20 words) and keywords (2-4, from the 300 commonest)
-- are drawn from 2,400 made-up words with a Zipf-like frequency (word i about 1/(i+1)), so a
-- query word can be common or rare; 3,000 contributor names; seven types, five licenses,
-- years 2000-2025; owners among the demo users; one record in ten restricted. Search columns
-- are filled as the write path fills them: the words are ASCII lower case, which the folding
-- leaves as they are. With -v search=vector: the tsvector (lexemes prefixed with their field,
-- weighted title A, contributors B, description C, keywords D, and a lexeme per pair of
-- neighbouring words), type, license, year, record_keywords, the postings (search_postings),
-- their counts (search_facet_counts, search_term_counts, search_term_facets) and word sets
-- (search_numbers, search_word_sets);
-- with search=like: the
-- old search_text column, for the before/after comparison with the LIKE search.
\set ON_ERROR_STOP on
select setseed(0.31);
-- Set-based throughout: subscripting one large array per row detoasted the whole array each time
-- (a 1,000,000-record seed ran for over ten minutes before reaching the insert).
create temporary table vocab as
  select row_number() over (order by md5(word)) as rank, word from (
    select c1 || v1 || c2 || v2 || c3 as word
    from unnest(array['b','d','f','g','k','l','m','n','p','r','s','t']) c1,
         unnest(array['a','e','i','o','u']) v1,
         unnest(array['l','n','r','s','t','v','z','m']) c2,
         unnest(array['a','e','i','o','u']) v2,
         unnest(array['', 'n']) c3) w;
delete from vocab where rank > 2400;
create unique index on vocab (rank);
create temporary table people as
  select row_number() over (order by a.rank, b.rank) - 1 as n, initcap(a.word) || ' ' || initcap(b.word) as name
  from vocab a, vocab b where a.rank between 2000 and 2059 and b.rank between 2100 and 2149;
create unique index on people (n);
-- Word picks, Zipf-like (rank r with probability about 1/r): kind t(itle), d(escription), k(eyword).
create temporary table picks as
  select x, kind, g, 1 + least(top - 1, floor(exp(random() * ln(top + 1)) - 1)::int) as rank
  from generate_series(1, :n) x,
    lateral (values ('t', 3 + x % 4, 2400), ('d', 12 + x % 9, 2400), ('k', 2 + x % 3, 300)) k(kind, count, top),
    lateral generate_series(1, k.count) g;
create temporary table seed as
  select p.x,
    string_agg(v.word, ' ' order by p.g) filter (where p.kind = 't') as title,
    string_agg(v.word, ' ' order by p.g) filter (where p.kind = 'd') as description,
    array_agg(distinct v.word) filter (where p.kind = 'k') as keywords
  from picks p join vocab v on v.rank = p.rank group by p.x;
drop table picks;
alter table seed add column contributors text[], add column rtype text, add column license text, add column year int;
update seed set
  contributors = case when x % 3 = 0
    then array[(select name from people where n = (x::bigint * 7919) % 3000), (select name from people where n = (x::bigint * 104729) % 3000)]
    else array[(select name from people where n = (x::bigint * 7919) % 3000)] end,
  rtype = (array['dataset','software','publication','image','video','audio','other'])[1 + (x * 7 / 3) % 7],
  license = (array['cc-by-4.0','cc0-1.0','mit','apache-2.0','cc-by-sa-4.0'])[1 + x % 5],
  year = 2000 + (x * 13) % 26;
\if :{?search}
\else
  \set search vector
\endif
select :'search' = 'vector' as vector \gset
\if :vector
-- A GIN index is built faster once than kept up row by row.
drop index if exists records_search;
insert into records (id, owner_id, access, metadata, title_sort, revision, created, updated,
    search_vector, resource_type, license, pub_year)
  select lpad(to_hex(x), 5, '0') || '-bench', (select min(id) from users) + x % 3,
    case when x % 10 = 0 then 'restricted' else 'public' end,
    jsonb_build_object('title', title, 'contributors',
      (select jsonb_agg(jsonb_build_object('name', c)) from unnest(contributors) c),
      'keywords', to_jsonb(keywords), 'description', description, 'resource_type', rtype,
      'license', license, 'publication_date', year::text)::text,
    title, 1, timestamp '2020-01-01' + x * interval '1 minute', timestamp '2020-01-01' + x * interval '1 minute',
    -- As records/PostgresSearch.fielded makes it from the weighted vector (V110).
    (with w as (select (setweight(to_tsvector('simple', title), 'A')
        || setweight(to_tsvector('simple', array_to_string(contributors, ' ')), 'B')
        || setweight(to_tsvector('simple', description), 'C')
        || setweight(to_tsvector('simple', array_to_string(keywords, ' ')), 'D')) as v),
      p as (select u.lexeme, x.pos, x.weight from w, unnest(w.v) u, unnest(u.positions, u.weights) as x(pos, weight))
      select coalesce(string_agg(e.entry, ' '), '')::tsvector from (
        select quote_literal(lower(weight) || '~' || lexeme) || ':' || string_agg(pos || weight, ',' order by pos) as entry
        from p group by weight, lexeme
        union all select distinct quote_literal(lower(a.weight) || '=' || a.lexeme || '~' || b.lexeme)
        from p a join p b on b.pos = a.pos + 1 and b.weight = a.weight) e),
    rtype, license, year
  from seed;
create index records_search on records using gin (search_vector);
-- The postings (V120; with V123's search_terms() also each pair of neighbouring words without its
-- field), as records/PostgresPostings.INSERT writes them; their btrees (V120's and
-- V122's rank index) built once.
drop index if exists search_postings_term;
drop index if exists search_postings_rank;
insert into search_postings (term, viewer, record_id, score, created, resource_type, license, pub_year)
  select t.term, case when r.access = 'public' then 0 else r.owner_id end, r.id, t.score, r.created,
    r.resource_type, r.license, r.pub_year
  from records r, search_terms(r.search_vector) t where r.id like '%-bench';
create index search_postings_term on search_postings (term, viewer, record_id)
  include (score, created, resource_type, license, pub_year);
create index search_postings_rank on search_postings (term, viewer, score desc, created desc, record_id);
-- The document frequencies (V122), as records/TermCounts.FILL makes them, added to the demo's.
insert into search_term_counts (term, viewer, records)
  select term, viewer, count(*) from search_postings where record_id like '%-bench' group by term, viewer
  on conflict (term, viewer) do update set records = search_term_counts.records + excluded.records;
insert into record_keywords (record_id, keyword)
  select lpad(to_hex(x), 5, '0') || '-bench', k from seed, unnest(keywords) k;
-- The maintained counts (V120), as records/FacetCounts.FILL makes them, added to the demo's.
insert into search_facet_counts (facet, bucket, viewer, records)
  select f.facet, f.bucket, case when r.access = 'public' then 0 else r.owner_id end, count(*)
  from records r, lateral (values ('total', ''), ('type', r.resource_type), ('license', r.license),
    ('year', cast(r.pub_year as varchar(11)))) f(facet, bucket)
  where r.id like '%-bench' and f.bucket is not null group by 1, 2, 3
  union all
  select 'keyword', k.keyword, case when r.access = 'public' then 0 else r.owner_id end, count(*)
  from records r join record_keywords k on k.record_id = r.id where r.id like '%-bench' group by 2, 3
  on conflict (facet, viewer, bucket) do update set records = search_facet_counts.records + excluded.records;
-- The facet counts per word (V122), as records/TermFacets.FILL makes them, added to the demo's
-- (grouping ~70 million word-keyword rows at 1,000,000 records: more memory spills less).
set work_mem = '256MB';
insert into search_term_facets (term, viewer, facet, bucket, records)
  select term, viewer, facet, bucket, sum(records) from (
    select p.term, p.viewer, f.facet, f.bucket, count(*) as records from search_postings p,
      lateral (values ('type', p.resource_type), ('license', p.license), ('year', cast(p.pub_year as varchar(11))))
      f(facet, bucket)
    where p.record_id like '%-bench' and p.term ~ '^[a-z0-9]{1,100}$' and f.bucket is not null group by 1, 2, 3, 4
    union all
    select p.term, p.viewer, 'keyword', k.keyword, count(*) from search_postings p
      join record_keywords k on k.record_id = p.record_id
    where p.record_id like '%-bench' and p.term ~ '^[a-z0-9]{1,100}$' group by 1, 2, 4) t
  group by 1, 2, 3, 4
  on conflict (term, viewer, facet, bucket) do update set records = search_term_facets.records + excluded.records;
-- The record numbers and word sets (V124), as records/WordSets.FILL_NUMBERS and FILL make them;
-- the sets are made again whole, the demo's records' entries with the rest.
insert into search_numbers (record_id, created)
  select id, created from records r where deleted is null
    and not exists (select 1 from search_numbers n where n.record_id = r.id) order by created, id;
delete from search_word_sets;
insert into search_word_sets (term, viewer, block, entries)
  select p.term, p.viewer, n.number >> 13,
    string_agg(int4send(n.number), ''::bytea order by n.number)
      || string_agg(float4send(p.score), ''::bytea order by n.number)
  from search_postings p join search_numbers n on n.record_id = p.record_id
  where position('~' in p.term) = 0 group by 1, 2, 3;
reset work_mem;
\else
insert into records (id, owner_id, access, metadata, title_sort, search_text, revision, created, updated)
  select lpad(to_hex(x), 5, '0') || '-bench', (select min(id) from users) + x % 3,
    case when x % 10 = 0 then 'restricted' else 'public' end,
    jsonb_build_object('title', title, 'contributors',
      (select jsonb_agg(jsonb_build_object('name', c)) from unnest(contributors) c),
      'keywords', to_jsonb(keywords), 'description', description, 'resource_type', rtype,
      'license', license, 'publication_date', year::text)::text,
    title, lower(title || E'\n' || array_to_string(contributors, E'\n') || E'\n'
      || array_to_string(keywords, E'\n') || E'\n' || description),
    1, timestamp '2020-01-01' + x * interval '1 minute', timestamp '2020-01-01' + x * interval '1 minute'
  from seed;
\endif
-- Vacuumed, not only analysed: the visibility map lets index-only scans skip the table, as on a
-- server whose autovacuum has caught up.
vacuum analyze;
-- The vocabulary by rank (1 = commonest), for bench/search.sh to choose its query words.
drop table if exists bench_vocabulary;
create table bench_vocabulary as select rank, word from vocab;
