-- Seeds :n records into the current schema for bench/search.sh, in SQL (not through the API).
-- Titles (3-6 words), descriptions (12-20 words) and keywords (2-4, from the 300 commonest)
-- are drawn from 2,400 made-up words with a Zipf-like frequency (word i about 1/(i+1)), so a
-- query word can be common or rare; 3,000 contributor names; seven types, five licenses,
-- years 2000-2025; owners among the demo users; one record in ten restricted. Search columns
-- are filled as the write path fills them: the words are ASCII lower case, which the folding
-- leaves as they are. With -v search=vector: the tsvector (title A, contributors B,
-- description C, keywords D), type, license, year and record_keywords; with search=like: the
-- old search_text column, for the before/after comparison with the LIKE search.
\set ON_ERROR_STOP on
select setseed(0.31);
create temporary table vocab as
  select array_agg(word order by word_number) as words from (
    select row_number() over (order by md5(c1 || v1 || c2 || v2 || c3)) as word_number,
      c1 || v1 || c2 || v2 || c3 as word
    from unnest(array['b','d','f','g','k','l','m','n','p','r','s','t']) c1,
         unnest(array['a','e','i','o','u']) v1,
         unnest(array['l','n','r','s','t','v','z','m']) c2,
         unnest(array['a','e','i','o','u']) v2,
         unnest(array['', 'n']) c3) w where word_number <= 2400;
create temporary table people as
  select array_agg(initcap(a) || ' ' || initcap(b)) as names
  from (select unnest(words[2000:2059]) a from vocab) x, (select unnest(words[2100:2149]) b from vocab) y;
create temporary table seed as
  select x,
    (select string_agg(v.words[1 + g * 0 + least(2399, floor(exp(random() * ln(2401)) - 1)::int)], ' ')
       from generate_series(1, 3 + x % 4) g) as title,
    case when x % 3 = 0 then array[p.names[1 + (x::bigint * 7919) % 3000], p.names[1 + (x::bigint * 104729) % 3000]]
         else array[p.names[1 + (x::bigint * 7919) % 3000]] end as contributors,
    (select array_agg(distinct v.words[1 + g * 0 + least(299, floor(exp(random() * ln(301)) - 1)::int)])
       from generate_series(1, 2 + x % 3) g) as keywords,
    (select string_agg(v.words[1 + g * 0 + least(2399, floor(exp(random() * ln(2401)) - 1)::int)], ' ')
       from generate_series(1, 12 + x % 9) g) as description,
    (array['dataset','software','publication','image','video','audio','other'])[1 + (x * 7 / 3) % 7] as rtype,
    (array['cc-by-4.0','cc0-1.0','mit','apache-2.0','cc-by-sa-4.0'])[1 + x % 5] as license,
    2000 + (x * 13) % 26 as year
  from generate_series(1, :n) x, vocab v, people p;
\if :{?search}
\else
  \set search vector
\endif
select :'search' = 'vector' as vector \gset
\if :vector
insert into records (id, owner_id, access, metadata, title_sort, revision, created, updated,
    search_vector, resource_type, license, pub_year)
  select lpad(to_hex(x), 5, '0') || '-bench', (select min(id) from users) + x % 3,
    case when x % 10 = 0 then 'restricted' else 'public' end,
    jsonb_build_object('title', title, 'contributors',
      (select jsonb_agg(jsonb_build_object('name', c)) from unnest(contributors) c),
      'keywords', to_jsonb(keywords), 'description', description, 'resource_type', rtype,
      'license', license, 'publication_date', year::text)::text,
    title, 1, timestamp '2020-01-01' + x * interval '1 minute', timestamp '2020-01-01' + x * interval '1 minute',
    setweight(to_tsvector('simple', title), 'A')
      || setweight(to_tsvector('simple', array_to_string(contributors, ' ')), 'B')
      || setweight(to_tsvector('simple', description), 'C')
      || setweight(to_tsvector('simple', array_to_string(keywords, ' ')), 'D'),
    rtype, license, year
  from seed;
insert into record_keywords (record_id, keyword)
  select lpad(to_hex(x), 5, '0') || '-bench', k from seed, unnest(keywords) k;
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
analyze;
-- The vocabulary by rank (1 = commonest), for bench/search.sh to choose its query words.
drop table if exists bench_vocabulary;
create table bench_vocabulary as select i as rank, words[i] as word from vocab, generate_series(1, 2400) i;
