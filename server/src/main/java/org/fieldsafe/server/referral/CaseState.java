package org.fieldsafe.server.referral;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A referral case's states and the changes allowed between them: new -> acknowledged -> referred -> closed; from new
 * or acknowledged also to information_given or declined (the respondent's choice); referred back to acknowledged
 * only as a correction (a reason code, recorded and audited: an erroneous referral is never edited in place).
 * Closed, information_given and declined are final.
 */
public enum CaseState {
    NEW, ACKNOWLEDGED, REFERRED, CLOSED, INFORMATION_GIVEN, DECLINED;

    /** The state's name on the wire and in the database, e.g. {@code information_given}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CaseState> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }

    /** The states a case in this state may change to. */
    public Set<CaseState> next() {
        return switch (this) {
            case NEW -> Set.of(ACKNOWLEDGED, INFORMATION_GIVEN, DECLINED);
            case ACKNOWLEDGED -> Set.of(REFERRED, INFORMATION_GIVEN, DECLINED);
            case REFERRED -> Set.of(CLOSED, ACKNOWLEDGED);
            case CLOSED, INFORMATION_GIVEN, DECLINED -> Set.of();
        };
    }

    public boolean canBecome(CaseState target) {
        return next().contains(target);
    }

    /** True for the states in which a case is still open (someone must act on it). */
    public boolean open() {
        return this == NEW || this == ACKNOWLEDGED || this == REFERRED;
    }
}
