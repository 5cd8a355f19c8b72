-- H2: each text field's folded words, space-separated with a space at either end, matched with
-- LIKE (records/H2Search).
alter table records add column terms_title varchar(1000000) default ' ' not null;
alter table records add column terms_contributors varchar(1000000) default ' ' not null;
alter table records add column terms_keywords varchar(1000000) default ' ' not null;
alter table records add column terms_description varchar(1000000) default ' ' not null;
