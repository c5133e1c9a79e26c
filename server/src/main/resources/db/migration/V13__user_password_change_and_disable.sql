-- Accounts (issue 11).
--   must_change_password: 1 while the password is a one-time password (made by `users add` or generated for the
--                         first admin): a login then gives a session that can only change it.
--   disabled_at:          when an admin disabled the person (null: enabled); a disabled person cannot log in.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
