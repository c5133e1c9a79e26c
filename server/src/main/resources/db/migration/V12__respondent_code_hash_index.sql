-- Duplicate respondent codes (issue 11): the same keyed code hash in two submissions is flagged to coordinators
-- when the second arrives (audited) and counted once in progress. Both need submissions by code hash, so the
-- index V7 dropped comes back: the upload path now looks each upload's code hashes up (one query per batch),
-- which costs a random page read and the index's random page write per stored upload. Still no codes, only
-- the keyed hashes.
CREATE INDEX submission_respondents_code ON submission_respondents (code_hash);
