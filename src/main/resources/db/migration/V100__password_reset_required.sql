-- Set by an administrator ("require a password reset"): the user's next page after signing in
-- is the password change, and nothing else until the password is changed. Cleared by the change.
-- Written to run unchanged on H2 and PostgreSQL.
alter table users add column password_reset_required boolean default false not null;
