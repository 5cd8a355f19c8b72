-- The audit log: append-only, each entry carries the SHA-256 of the one before (a hash chain).
-- Written to run unchanged on H2 and PostgreSQL. The application never updates or deletes
-- audit_log rows; an operator can enforce that with database grants (see docs/security.md).

create table audit_log (
    id             bigint primary key,
    occurred_at    timestamp with time zone not null,
    actor_user_id  bigint,
    client_address varchar(64),
    action         varchar(64) not null,
    target         varchar(400),
    outcome        varchar(16) not null,
    details        varchar(30000) not null,
    prev_hash      varchar(64) not null,
    hash           varchar(64) not null
);
-- Two entries can never claim the same predecessor: the chain cannot fork.
create unique index audit_log_prev_hash on audit_log (prev_hash);
create index audit_log_occurred_at on audit_log (occurred_at);

-- The single row every writer locks (select ... for update) before appending, so that
-- appends are serialised across threads and across servers sharing one database.
create table audit_chain_head (
    id        integer primary key,
    last_id   bigint not null,
    last_hash varchar(64) not null
);
insert into audit_chain_head (id, last_id, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
