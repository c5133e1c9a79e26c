package org.fieldsafe.server.export;

import java.util.Map;

/**
 * One respondent of one interview, anonymised: pseudonyms, generalised values only. {@code answers} maps a
 * question id to a text or, for select_multiple, a list of choice ids. {@code group} is the key of the row's
 * quasi-identifier group. Held in memory only while written to or read from the spool.
 */
record ExportRow(String interview, String respondent, String site, String category, String form, int formVersion,
                 String language, String finalised, String group, Map<String, Object> answers) {
}
