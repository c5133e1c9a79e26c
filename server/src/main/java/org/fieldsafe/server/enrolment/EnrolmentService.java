package org.fieldsafe.server.enrolment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fieldsafe.core.crypto.Digests;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.DeviceEnrolRequest;
import org.fieldsafe.core.wire.DeviceEnrolment;
import org.fieldsafe.core.wire.DeviceInfo;
import org.fieldsafe.core.wire.EnrolmentCode;
import org.fieldsafe.core.wire.EnrolmentInfo;
import org.fieldsafe.core.wire.EnrolmentRequest;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.auth.RateLimiter;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.storage.CompiledStudy;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.auth.DeviceDao;
import org.fieldsafe.server.auth.DeviceRow;
import org.fieldsafe.server.auth.DeviceTokens;
import org.fieldsafe.server.storage.EnrolmentDao;
import org.fieldsafe.server.storage.EnrolmentRow;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.auth.UserDao;

/**
 * One-time enrolment codes and the devices enrolled with them. Codes are 12 Crockford base-32 characters
 * ({@code XXXX-XXXX-XXXX}, 60 bits) stored only as SHA-256; device tokens likewise.
 */
public final class EnrolmentService {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final Database database;
    private final StudyStore studies;
    private final StudyKeyService keys;
    private final AuditLog audit;
    private final RateLimiter exchangeLimiter;
    private final Clock clock;
    private final Duration codeTtl;
    private final DeviceTokens deviceTokens;

    public EnrolmentService(Database database, StudyStore studies, StudyKeyService keys, AuditLog audit,
                            RateLimiter exchangeLimiter, Clock clock, Duration codeTtl, DeviceTokens deviceTokens) {
        this.database = database;
        this.studies = studies;
        this.keys = keys;
        this.audit = audit;
        this.exchangeLimiter = exchangeLimiter;
        this.clock = clock;
        this.codeTtl = codeTtl;
        this.deviceTokens = deviceTokens;
    }

    /**
     * Issues a code for an enumerator at a site of a study that is one of the enumerator's sites (422 otherwise);
     * the code is returned once.
     */
    public EnrolmentCode create(String actor, EnrolmentRequest request) {
        if (request.study() == null || request.site() == null || request.enumerator() == null) {
            throw ProblemException.invalid("study, site and enumerator are required.");
        }
        CompiledStudy study = studies.current(request.study());
        if (study.sites().stream().noneMatch(s -> s.site().equals(request.site()))) {
            throw ProblemException.invalid("The study has no site with this id.");
        }
        String code = newCode();
        Instant now = now();
        EnrolmentRow row = new EnrolmentRow(UUID.randomUUID().toString(), Digests.sha256Hex(normalise(code)),
                study.id(), request.site(), request.enumerator(), actor, now, now.plus(codeTtl), null, null, null);
        database.write(handle -> {
            UserDao users = handle.attach(UserDao.class);
            boolean enumerator = users.find(request.enumerator())
                    .filter(u -> Role.ENUMERATOR.wire().equals(u.role()) && u.disabledAt() == null).isPresent();
            if (!enumerator) {
                throw ProblemException.invalid("enumerator must name an existing, enabled user with the role "
                        + "enumerator.");
            }
            List<String> sites = users.sites(request.enumerator());
            if (!sites.contains(request.site())) {
                throw ProblemException.unprocessable("site-not-enumerators", "Not the enumerator's site",
                        "The enumerator works at " + (sites.isEmpty() ? "no site" : String.join(", ", sites))
                                + ", not at " + request.site() + "; enrol at one of their sites, or add the site "
                                + "to them first (users role --add).");
            }
            handle.attach(EnrolmentDao.class).insert(row);
            audit.append(handle, actor, "enrolment.created", "enrolment:" + row.id() + " study:" + study.id()
                    + " site:" + row.site() + " enumerator:" + row.enumerator());
            return null;
        });
        return new EnrolmentCode(row.id(), code, row.studyId(), row.site(), row.enumerator(), row.expiresAt());
    }

    public List<EnrolmentInfo> list() {
        Instant now = now();
        return database.read(h -> h.attach(EnrolmentDao.class).list()).stream()
                .map(r -> new EnrolmentInfo(r.id(), r.studyId(), r.site(), r.enumerator(), r.expiresAt(), r.state(now)))
                .toList();
    }

    public void revoke(String actor, String id) {
        database.write(handle -> {
            EnrolmentDao dao = handle.attach(EnrolmentDao.class);
            dao.find(id).orElseThrow(() -> ProblemException.notFound("Enrolment"));
            if (dao.revoke(id, now()) > 0) {
                audit.append(handle, actor, "enrolment.revoked", "enrolment:" + id);
            }
            return null;
        });
    }

    /**
     * Exchanges a code for a device token, handing over the keys the device pins and the respondent-code key;
     * the same 400 for unknown, used, revoked and expired codes.
     */
    public DeviceEnrolment enrol(DeviceEnrolRequest request, String address) {
        if (request.code() == null || request.deviceName() == null || request.deviceName().isBlank()) {
            throw ProblemException.invalid("code and deviceName are required.");
        }
        if (request.deviceName().length() > 100) {
            throw ProblemException.invalid("deviceName must be at most 100 characters.");
        }
        exchangeLimiter.check(address);
        String token = Secrets.newToken();
        String deviceId = UUID.randomUUID().toString();
        Instant now = now();
        EnrolmentRow enrolled = database.write(handle -> {
            EnrolmentDao codes = handle.attach(EnrolmentDao.class);
            EnrolmentRow row = codes.findByCodeHash(Digests.sha256Hex(normalise(request.code())))
                    .filter(r -> "active".equals(r.state(now)))
                    .orElse(null);
            if (row == null || codes.markUsed(row.id(), deviceId, now) == 0) {
                return null;
            }
            handle.attach(DeviceDao.class).insert(new DeviceRow(deviceId, Digests.sha256Hex(token),
                    request.deviceName(), row.studyId(), row.site(), row.enumerator(), row.id(), now, null, now));
            audit.append(handle, "device:" + deviceId, "device.enrolled", "enrolment:" + row.id() + " study:"
                    + row.studyId() + " site:" + row.site() + " enumerator:" + row.enumerator());
            return row;
        });
        if (enrolled == null) {
            exchangeLimiter.recordFailure(address);
            throw new EnrolmentCodeInvalidException();
        }
        return new DeviceEnrolment(deviceId, token, enrolled.studyId(), enrolled.site(), enrolled.enumerator(),
                keys.deviceKeys(enrolled.studyId()), keys.respondentCodeKey(enrolled.studyId()).orElse(null));
    }

    public List<DeviceInfo> devices() {
        return database.read(h -> h.attach(DeviceDao.class).list()).stream()
                .map(d -> new DeviceInfo(d.id(), d.studyId(), d.site(), d.enumerator(), d.enrolledAt(),
                        d.revokedAt(), d.lastSeenAt()))
                .toList();
    }

    /** Revokes a device; its token is refused from the moment this returns (see {@link DeviceTokens}). */
    public void revokeDevice(String actor, String id) {
        try {
            database.write(handle -> {
                DeviceDao dao = handle.attach(DeviceDao.class);
                dao.find(id).orElseThrow(() -> ProblemException.notFound("Device"));
                if (dao.revoke(id, now()) > 0) {
                    audit.append(handle, actor, "device.revoked", "device:" + id);
                }
                return null;
            });
        } finally {
            deviceTokens.revoked();
        }
    }

    /** A new code, {@code XXXX-XXXX-XXXX}. */
    static String newCode() {
        StringBuilder code = new StringBuilder(14);
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(Secrets.random().nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** Crockford decoding rules: case-insensitive, hyphens and spaces ignored, I/L read as 1, O as 0. */
    static String normalise(String code) {
        return code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "")
                .replace('I', '1').replace('L', '1').replace('O', '0');
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
