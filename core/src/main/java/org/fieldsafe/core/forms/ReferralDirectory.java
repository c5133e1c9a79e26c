package org.fieldsafe.core.forms;

import java.util.List;
import java.util.Optional;
import org.fieldsafe.core.util.CanonicalJson;

/** The referral directory of a site. */
public record ReferralDirectory(int version, List<DirectoryService> services) {
    /** Entries confirmed longer ago than this many days are reported as stale, unless the caller says otherwise. */
    public static final int DEFAULT_MAX_AGE_DAYS = 365;

    public ReferralDirectory {
        services = services == null ? List.of() : List.copyOf(services);
    }

    public Optional<DirectoryService> service(String serviceId) {
        return services.stream().filter(s -> s.id().equals(serviceId)).findFirst();
    }

    /** The canonical JSON of this directory. */
    public byte[] canonicalJson() {
        return CanonicalJson.bytes(this);
    }

    /** Lower-case hex SHA-256 of {@link #canonicalJson()}. */
    public String sha256() {
        return CanonicalJson.sha256(this);
    }

    public static ReferralDirectory fromCanonicalJson(byte[] json) {
        return CanonicalJson.read(json, ReferralDirectory.class);
    }
}
