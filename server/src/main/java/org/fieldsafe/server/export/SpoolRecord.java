package org.fieldsafe.server.export;

/**
 * One respondent row as the spool keeps it between the passes: its quasi-identifier group key, its interview
 * pseudonym (to count exported interviews) and the row already rendered in each requested format, in
 * {@link ExportFormat} order. Rendering happens in pass 1, on the worker threads; pass 2 only copies bytes.
 */
record SpoolRecord(String group, String interview, byte[][] rendered) {
}
