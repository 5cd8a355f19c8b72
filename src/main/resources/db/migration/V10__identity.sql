-- Written to run unchanged on H2 and PostgreSQL.

-- Bumped whenever every session of the user must end (password change, account disabled).
alter table users add column session_epoch integer not null default 0;

-- TOTP seed sealed with SecretBox (purpose "totp"; the key id is inside the sealed value),
-- and the last time step accepted, so that no code is accepted twice.
alter table users add column totp_seed varchar(200);
alter table users add column totp_last_step bigint;

-- One-time recovery codes: only the SHA-256 of each 80-bit code is stored.
create table recovery_codes (
    user_id   bigint not null references users (id),
    code_hash varchar(64) not null,
    used      timestamp with time zone,
    primary key (user_id, code_hash)
);
