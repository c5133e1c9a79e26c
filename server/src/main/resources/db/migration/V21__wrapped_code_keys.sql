-- Respondent-code keys are kept only wrapped under a key-encryption key in a file outside the database
-- (docs/sealing.md). The server wraps any plaintext key left in code_key at start and then clears code_key.
ALTER TABLE respondent_code_keys ADD COLUMN wrapped_code_key TEXT;
