-- Per-user rate limits set by a superuser (PUT /api/admin/rate-limits/{userId}); the
-- bands replace strongroom.rate-limits.authenticated for that user. Runs on H2 and PostgreSQL.
create table rate_limit_overrides (
    user_id       bigint primary key references users (id),
    authenticated varchar(200) not null,
    updated       timestamp with time zone not null,
    updated_by    bigint not null references users (id)
);
