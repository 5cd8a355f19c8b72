-- PostgreSQL: a postings table beside the GIN index (records/PostgresPostings), so that a search
-- of words counts and pages from a btree, index-only, instead of reading one table row per
-- matching record. A GIN index holds no visibility, so every exact count read the table; a
-- btree index-only scan reads the table only for pages the visibility map does not mark
-- all-visible. V121 (a Java migration) fills it, and the counts below, for the records already
-- stored.
--
-- One row per term of a live record (deleted records have none):
--   ocean          the word in any field
--   a~ocean        the word in a field (a title, b contributors, c description, d keywords)
--   a=deep~ocean   two neighbouring words of a field (a two-word phrase)
-- viewer is 0 for a public record, else the owner of the restricted record: anonymous callers
-- read viewer 0, an owner viewers 0 and their own id, a superuser all. score is the
-- ts_rank_cd the record gets for that term alone; created and the facet values are copied so
-- that order, filters and facets need no table row either.
create table search_postings (
    term          text not null,
    viewer        bigint not null,
    record_id     varchar(16) not null,
    score         real not null,
    created       timestamp with time zone not null,
    resource_type varchar(32),
    license       varchar(100),
    pub_year      integer
);

-- The terms and their scores of a stored search_vector (records/PostgresSearch#fielded), used by
-- the write path, the backfill and bench/search-seed.sql alike. Weights as PostgresSearch's:
-- {D, C, B, A} = {0.4, 0.2, 0.4, 1.0}. A word's score in any field is ts_rank_cd over all its
-- fields (for one word, the sum of its fields' scores); a pair's is its positional phrase.
-- Lexemes hold only letters and digits; search_quote escapes anyway.
create function search_quote(lexeme text) returns text language sql immutable parallel safe as $$
  select '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''''
$$;

create function search_terms(v tsvector) returns table (term text, score real)
  language sql immutable parallel safe rows 70 as $$
  select u.lexeme, ts_rank_cd('{0.4, 0.2, 0.4, 1.0}', v, search_quote(u.lexeme)::tsquery)
    from unnest(v) u where u.lexeme ~ '^[a-d]~'
  union all
  select substr(u.lexeme, 3),
      ts_rank_cd('{0.4, 0.2, 0.4, 1.0}', v, string_agg(search_quote(u.lexeme), ' | ')::tsquery)
    from unnest(v) u where u.lexeme ~ '^[a-d]~' group by substr(u.lexeme, 3)
  union all
  select u.lexeme, ts_rank_cd('{0.4, 0.2, 0.4, 1.0}', v,
      (search_quote(left(u.lexeme, 1) || '~' || split_part(substr(u.lexeme, 3), '~', 1)) || ' <-> '
        || search_quote(left(u.lexeme, 1) || '~' || split_part(substr(u.lexeme, 3), '~', 2)))::tsquery)
    from unnest(v) u where u.lexeme ~ '^[a-d]='
$$;

-- Maintained counts (records/FacetCounts): live records per facet value and viewer, and per
-- viewer in all (facet 'total', bucket ''), so that a list without a query counts and facets
-- without reading every visible record. Updated by the write path; V121 fills it.
create table search_facet_counts (
    facet   varchar(16) not null,
    bucket  varchar(200) not null,
    viewer  bigint not null,
    records bigint not null,
    primary key (facet, viewer, bucket)
);
