-- One wrapped copy of a study private key per key holder (issue 11, point 8; docs/sealing.md "Key holders").
-- Portable between SQLite and PostgreSQL like V1.
--   state:               pending (wrapped under a one-time secret by keys init or a grant; it unlocks nothing and
--                        only its holder can turn it active by setting their own passphrase) or active (wrapped
--                        under the holder's own passphrase)
--   wrapped_private_key: PassphraseCipher.Sealed JSON bound to purpose and fingerprint (Argon2id parameters inside)
--   granted_by:          who created the copy: the admin at keys init, else the holder who granted it
-- Studies whose keys were set before this version keep their one shared copy in study_keys.wrapped_private_key:
-- the first holder who claims it (keys passphrase with the shared passphrase as the current one) gets their own
-- active copy and the shared copy is emptied (''), so the shared passphrase stops working; new studies store ''.
CREATE TABLE study_key_holders (
    study_id            TEXT   NOT NULL,
    purpose             TEXT   NOT NULL,
    username            TEXT   NOT NULL REFERENCES users (username),
    state               TEXT   NOT NULL,
    wrapped_private_key TEXT   NOT NULL,
    granted_by          TEXT   NOT NULL,
    created_at          BIGINT NOT NULL,
    PRIMARY KEY (study_id, purpose, username),
    FOREIGN KEY (study_id, purpose) REFERENCES study_keys (study_id, purpose)
);
