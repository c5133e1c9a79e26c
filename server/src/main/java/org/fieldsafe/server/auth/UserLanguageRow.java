package org.fieldsafe.server.auth;

/** A row of {@code user_languages}: a language a transcriber works in. */
public record UserLanguageRow(String username, String language) {
}
