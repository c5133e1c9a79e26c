-- Tombstones of crypto-shredded submissions. The row (header columns, receipt hash) stays; the envelope's secret
-- material (ciphertexts, nonces, wrapped keys) was overwritten in place, same length, in its envelope file or row.
--   withdrawn_at:         a respondent of the submission withdrew: every sealed part and attachment was shredded
--                         (a joint interview whole); left out of progress and exports.
--   identity_shredded_at: the retention job looked at the submission once it was older than the study's
--                         identity retention period and shredded its identity part, if it had one.
ALTER TABLE submissions ADD COLUMN withdrawn_at BIGINT;
ALTER TABLE submissions ADD COLUMN identity_shredded_at BIGINT;

-- Progress counts only submissions that are not withdrawn: the column joins the progress index, so the count still
-- reads the index alone.
DROP INDEX submissions_progress;
CREATE INDEX submissions_progress ON submissions (study_id, site, category, withdrawn_at);
