package org.fieldsafe.server.referral;

import java.util.Optional;
import java.util.Set;
import org.fieldsafe.core.util.WireEnum;

/**
 * A referral case's states and the changes allowed between them: new -> acknowledged -> referred -> closed; from new
 * or acknowledged also to information_given or declined (the respondent's choice); referred back to acknowledged
 * only as a correction (a reason code, recorded and audited: an erroneous referral is never edited in place).
 * Closed, information_given and declined are final.
 * On the wire and in the database by its lower-case name ({@link WireEnum#wire()}), e.g. {@code information_given}.
 */
public enum CaseState implements WireEnum {
    NEW, ACKNOWLEDGED, REFERRED, CLOSED, INFORMATION_GIVEN, DECLINED;

    /** The state of a wire or database name; empty when none. */
    public static Optional<CaseState> parse(String value) {
        return WireEnum.find(CaseState.class, value);
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
