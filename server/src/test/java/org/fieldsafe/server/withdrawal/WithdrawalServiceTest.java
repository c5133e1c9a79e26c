package org.fieldsafe.server.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.fieldsafe.core.crypto.KeyWrap;
import org.fieldsafe.core.crypto.Secrets;
import org.fieldsafe.core.wire.WithdrawalRequest;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.MutableClock;
import org.fieldsafe.server.json.ServerJson;
import org.fieldsafe.server.problems.ProblemException;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.audit.AuditLog;
import org.fieldsafe.server.keys.CodeKeyVault;
import org.fieldsafe.server.keys.ReceiptKey;
import org.fieldsafe.server.keys.StudyKeyService;
import org.fieldsafe.server.shredding.SubmissionShredder;
import org.fieldsafe.server.forms.CoreStudySource;
import org.fieldsafe.server.storage.Database;
import org.fieldsafe.server.forms.FormService;
import org.fieldsafe.server.storage.FormStore;
import org.fieldsafe.server.storage.StudyStore;
import org.fieldsafe.server.storage.TestDatabases;
import java.util.List;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.openrosa.OpenRosaWithdrawals;
import org.junit.jupiter.api.Test;

/** The service without HTTP: a study loaded from the fixture forms, no keys yet. */
class WithdrawalServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final ObjectMapper json = ServerJson.api();

    @Test
    void withdraw_studyWithoutKeys_409_andAMalformedCodeStill422First() {
        Database db = TestDatabases.open(TestDatabases.Backend.SQLITE);
        AuditLog audit = new AuditLog(db, clock);
        StudyStore studies = new StudyStore(db, json, clock);
        new FormService(db, studies, new FormStore(db, json, clock), new CoreStudySource(TestApp.FIXTURE_FORMS), audit)
                .loadAndPublish();
        StudyKeyService keys = new StudyKeyService(db, studies, ReceiptKey.loadOrCreate(db, clock),
                CodeKeyVault.of(Secrets.randomBytes(KeyWrap.KEY_BYTES)), audit, clock, Envelopes.CHEAP);
        SubmissionShredder shredder = new SubmissionShredder(db, null);
        WithdrawalService service = new WithdrawalService(db, studies, keys, shredder, new OpenRosaWithdrawals(db,
                studies, new FormStore(db, json, clock), null, keys, shredder, audit, clock), audit, clock);
        FieldsafePrincipal pi = new FieldsafePrincipal("pi", Role.PRINCIPAL_INVESTIGATOR, List.of(), "t", null);
        long entries = audit.verify().entries();

        assertThatThrownBy(() -> service.withdraw(pi, TestApp.STUDY, new WithdrawalRequest("KH-SVR-RH-001")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(409);
                    assertThat(e.problem().type()).endsWith("study-keys-missing");
                });
        assertThatThrownBy(() -> service.withdraw(pi, TestApp.STUDY, new WithdrawalRequest("nope")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(422));
        assertThatThrownBy(() -> service.withdraw(pi, TestApp.STUDY, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(422));
        assertThat(audit.verify().entries()).isEqualTo(entries);
        int withdrawals = db.read(h -> h.createQuery("SELECT COUNT(*) FROM withdrawals").mapTo(Integer.class).one());
        assertThat(withdrawals).isZero();
    }
}
