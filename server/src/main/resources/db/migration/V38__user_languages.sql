-- The languages of a transcriber (issue 17), stored like a user's sites: a transcriber works on the submissions of
-- their sites, and writes transcripts and translations in their languages only. Portable like V1.
CREATE TABLE user_languages (
    username TEXT NOT NULL REFERENCES users (username),
    language TEXT NOT NULL,
    PRIMARY KEY (username, language)
);
