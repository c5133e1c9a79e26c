-- No index on submission_respondents.code_hash. Nothing reads submissions by respondent on the upload path (the
-- withdrawal check reads `withdrawals`), and a keyed hash is random by design: its index cost a write to a page
-- at a random place for every stored upload. Finding a respondent's submissions (a withdrawal, rare and run by
-- hand) scans the table instead.
DROP INDEX submission_respondents_code;
