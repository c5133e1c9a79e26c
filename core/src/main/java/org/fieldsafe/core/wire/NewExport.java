package org.fieldsafe.core.wire;

import java.util.Arrays;
import java.util.List;

/**
 * The body of {@code POST /api/v1/studies/{s}/exports}. {@code passphrase}: the research key holder's, used for
 * this export only and zeroed after (a char array, so it can be); {@code formats}: wide, long, jsonl (none: all
 * three); {@code language}: of the codebook (none: the study's master language); {@code filter}: sites, form ids
 * and a finalised-at range (dates {@code YYYY-MM-DD} or instants; {@code from} inclusive, {@code to} inclusive of
 * its whole day when a date); {@code stableCodesGrant}: a principal investigator's grant id for stable codes;
 * {@code k}: a stricter k than the study's (none: the study's; a looser one is refused); {@code audio}: true to
 * put the recordings into a QDPX export, under a principal investigator's live audio grant for the caller.
 */
public record NewExport(char[] passphrase, List<String> formats, String language, Filter filter,
                        String stableCodesGrant, Integer k, Boolean audio) {

    /** Without audio. */
    public NewExport(char[] passphrase, List<String> formats, String language, Filter filter, String stableCodesGrant,
                     Integer k) {
        this(passphrase, formats, language, filter, stableCodesGrant, k, null);
    }

    /** With the study's k. */
    public NewExport(char[] passphrase, List<String> formats, String language, Filter filter, String stableCodesGrant) {
        this(passphrase, formats, language, filter, stableCodesGrant, null, null);
    }

    /** Which interviews: sites, form ids and a finalised-at range; empty or null: all. */
    public record Filter(List<String> sites, List<String> forms, String from, String to) {
    }

    /** Zeroes the passphrase. */
    public void wipe() {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }

    @Override
    public String toString() {
        return "NewExport[passphrase=[REDACTED], formats=" + formats + ", language=" + language + ", filter=" + filter
                + ", stableCodesGrant=" + stableCodesGrant + ", k=" + k + ", audio=" + audio + "]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
