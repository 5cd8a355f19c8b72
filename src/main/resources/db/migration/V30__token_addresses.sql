-- Addresses each token has been used from, so that use from a new one can be audited.
create table token_addresses (
    token_id   varchar(32) not null references tokens (id),
    address    varchar(64) not null,
    first_seen timestamp with time zone not null,
    primary key (token_id, address)
);
