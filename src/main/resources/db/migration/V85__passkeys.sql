-- Passkeys (org.strongroom.passkeys): the tables of Spring Security's JDBC WebAuthn
-- repositories (JdbcPublicKeyCredentialUserEntityRepository, JdbcUserCredentialRepository),
-- as bundled with spring-security-web, written to run unchanged on H2 and PostgreSQL
-- (bytea for the binary columns, which H2 reads as varbinary).

-- One WebAuthn user handle per account; name is the account's e-mail address.
create table user_entities
(
    id           varchar(1000) not null,
    name         varchar(100)  not null,
    display_name varchar(200),
    primary key (id)
);
create unique index user_entities_name on user_entities (name);

create table user_credentials
(
    credential_id                varchar(1000) not null,
    user_entity_user_id          varchar(1000) not null,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null,
    primary key (credential_id)
);
create index user_credentials_user on user_credentials (user_entity_user_id);
