-- Withdrawal reaches OpenRosa submissions (issue 18): their respondent code sits inside ODK's encryption, so the
-- server learns it only when a holder of the study's ODK key opens one (a research key holder's export, or a
-- principal investigator's withdrawal that gives the ODK key's passphrase). It then keeps what a Fieldsafe header
-- carries, the code's keyed hash (HMAC under the study's respondent-code key), never the code. Portable like V1.
--   code_hash:    the keyed hash of the respondent code; 'none' when the key holder's opening found no code (a
--                 submission that does not open, or names no respondent); NULL: not opened yet (not indexed)
--   withdrawn_at: set when the respondent withdrew: the encrypted files are deleted and the manifest (which holds
--                 the RSA-wrapped AES key) emptied; the row stays as a tombstone, so a re-upload of the instance is 410
ALTER TABLE openrosa_submissions ADD COLUMN code_hash TEXT;
ALTER TABLE openrosa_submissions ADD COLUMN withdrawn_at BIGINT;
