package org.fieldsafe.core.forms;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A service of a referral directory. {@code phone} and {@code hours} are {@code null} when unknown;
 * {@code confirmedOn} is the date the study team confirmed the entry, {@code null} for {@code confirmed: no}.
 */
public record DirectoryService(String id, ServiceKind kind, Map<String, String> name, String phone, String hours,
                               List<String> languages, GenderServed genderServed, Cost cost,
                               boolean involvesAuthorities, boolean emergency, LocalDate confirmedOn) {

    /** Whether the study team has confirmed this entry. */
    public boolean confirmed() {
        return confirmedOn != null;
    }

    /**
     * Whether the entry needs confirming (again): never confirmed, or confirmed more than {@code maxAgeDays} days
     * before {@code today}.
     */
    public boolean needsConfirmation(LocalDate today, int maxAgeDays) {
        return confirmedOn == null || confirmedOn.plusDays(maxAgeDays).isBefore(today);
    }

    /** Whether the entry is confirmed but longer ago than {@code maxAgeDays} days before {@code today}. */
    public boolean stale(LocalDate today, int maxAgeDays) {
        return confirmedOn != null && confirmedOn.plusDays(maxAgeDays).isBefore(today);
    }
}
