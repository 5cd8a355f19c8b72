-- Written to run unchanged on H2 and PostgreSQL.
-- One row per current file version; blob_name is the generated storage name (never the key).

create table files (
    id          varchar(32) primary key,
    record_id   varchar(16) not null references records (id),
    file_key    varchar(255) not null,
    blob_name   varchar(32) not null,
    size        bigint not null,
    sha256      varchar(64) not null,
    md5         varchar(32) not null,
    mime_type   varchar(255) not null,
    uploader_id bigint not null references users (id),
    created     timestamp with time zone not null
);
create unique index files_record_key on files (record_id, file_key);
create unique index files_blob on files (blob_name);
create index files_uploader on files (uploader_id);
