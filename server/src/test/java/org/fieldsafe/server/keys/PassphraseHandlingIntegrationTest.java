package org.fieldsafe.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.fieldsafe.core.wire.IdentityRequest;
import org.fieldsafe.core.wire.KeyGrantRequest;
import org.fieldsafe.core.wire.PassphraseChange;
import org.fieldsafe.server.Envelopes;
import org.fieldsafe.server.FieldsafeApplication;
import org.fieldsafe.server.TestApp;
import org.fieldsafe.server.auth.FieldsafePrincipal;
import org.fieldsafe.server.auth.Role;
import org.fieldsafe.server.config.FieldsafeConfiguration;
import org.fieldsafe.core.wire.NewExport;
import org.fieldsafe.core.wire.CaseChange;
import org.fieldsafe.core.wire.PartRequest;
import org.fieldsafe.server.referral.ReferralCaseStore;
import org.fieldsafe.server.referral.ReferralService;
import org.fieldsafe.server.resources.IdentityResource;
import org.fieldsafe.server.resources.KeyHolderResource;
import org.fieldsafe.server.resources.ReferralResource;
import org.fieldsafe.server.resources.StudyKeyResource;
import org.fieldsafe.server.storage.StudyStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Key holders' passphrases (issue 12, point 13): every request body that carries one holds it in a {@code char[]}
 * (a JSON string on the wire, read by Jackson straight into the array), never a {@code String}, and the server zeroes
 * that array once the request is done, whether it succeeded or was refused.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PassphraseHandlingIntegrationTest {
    private static final TestApp APP = new TestApp();
    static final DropwizardAppExtension<FieldsafeConfiguration> EXT = APP.extension;
    private static final String STUDY = TestApp.STUDY;

    private static Envelopes.StudyKeys keys;
    private static FieldsafePrincipal manager;
    private static FieldsafePrincipal coordinator;

    @BeforeAll
    static void setUp() {
        String admin = APP.adminToken();
        APP.createUser(admin, "dm-wipe", "data_manager", List.of());
        APP.createUser(admin, "dm-unlock", "data_manager", List.of());
        APP.createUser(admin, "coord-wipe", "coordinator", List.of());
        keys = Envelopes.newStudyKeys();
        assertThat(APP.postStudyKeys(admin, STUDY, keys).statusCode()).isEqualTo(201);
        manager = new FieldsafePrincipal("dm-wipe", Role.DATA_MANAGER, List.of(), "0".repeat(64), null);
        coordinator = new FieldsafePrincipal("coord-wipe", Role.COORDINATOR, List.of(), "0".repeat(64), null);
    }

    /** Every record of the main code (core and server) with a component that holds a passphrase. */
    private static List<RecordComponent> passphraseComponents() throws IOException, URISyntaxException {
        List<RecordComponent> found = new ArrayList<>();
        for (Class<?> anchor : List.of(PassphraseChange.class, FieldsafeApplication.class)) {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
                 Stream<Path> files = Files.walk(jar == null ? location : jar.getPath("/"))) {
                Path root = jar == null ? location : jar.getPath("/");
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    if (!name.startsWith("org.fieldsafe.")) {
                        continue;
                    }
                    Class<?> type = load(name);
                    if (type != null && type.isRecord()) {
                        for (RecordComponent component : type.getRecordComponents()) {
                            if (holdsPassphrase(type, component)) {
                                found.add(component);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean holdsPassphrase(Class<?> record, RecordComponent component) {
        return component.getName().toLowerCase(Locale.ROOT).contains("passphrase")
                || record.getSimpleName().toLowerCase(Locale.ROOT).contains("passphrase")
                && List.of("current", "next").contains(component.getName());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PassphraseHandlingIntegrationTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static void assertWiped(char[]... arrays) {
        for (char[] array : arrays) {
            assertThat(new String(array)).isEqualTo("\0".repeat(array.length));
        }
    }

    @Test
    void passphrases_neverStrings_requestRecordsCarryCharArraysAndAreWiped() throws Exception {
        List<RecordComponent> components = passphraseComponents();
        assertThat(components).extracting(c -> c.getDeclaringRecord().getSimpleName() + "." + c.getName())
                .contains("PassphraseChange.current", "PassphraseChange.next", "KeyGrantRequest.passphrase",
                        "IdentityRequest.passphrase", "NewExport.passphrase", "PartRequest.passphrase",
                        "CaseChange.passphrase");
        assertThat(components).allSatisfy(c -> assertThat(c.getType())
                .as(c.getDeclaringRecord().getName() + "." + c.getName()).isEqualTo(char[].class));
        // a JSON string is read straight into the array
        PassphraseChange read = APP.json.readValue("{\"current\":\"old words\",\"next\":\"new words\"}",
                PassphraseChange.class);
        assertThat(read.current()).containsExactly("old words".toCharArray());
        assertThat(read.next()).containsExactly("new words".toCharArray());
        assertThat(read.toString()).doesNotContain("old words").doesNotContain("new words");
    }

    @Test
    void passphraseChange_succeeded_bothArraysWiped() {
        char[] current = Envelopes.PASSPHRASE.toCharArray();
        char[] next = "a fresh passphrase for the wipe test".toCharArray();
        new StudyKeyResource(APP.services().keys(), APP.services().custody())
                .changePassphrase(manager, STUDY, "research", new PassphraseChange(current, next));
        assertWiped(current, next);
    }

    @Test
    void everyPassphraseRoute_refused_arrayWipedAnyway() {
        StudyStore studies = new StudyStore(APP.services().database(), APP.json, APP.clock);
        KeyHolders holders = new KeyHolders(APP.services().database(), studies, APP.services().custody(),
                APP.services().audit(), APP.clock);
        ReferralResource referrals = new ReferralResource(new ReferralService(APP.services().database(), studies,
                APP.services().submissionStore(), new ReferralCaseStore(APP.services().database()),
                APP.services().custody(), APP.services().audit(), APP.clock));

        char[] change = "wrong current passphrase".toCharArray();
        char[] changeNext = "a next passphrase, long".toCharArray();
        assertThatThrownBy(() -> new StudyKeyResource(APP.services().keys(), APP.services().custody())
                .changePassphrase(coordinator, STUDY, "research", new PassphraseChange(change, changeNext)));
        char[] grant = "grant passphrase".toCharArray();
        assertThatThrownBy(() -> new KeyHolderResource(holders).grant(coordinator, STUDY, "research",
                new KeyGrantRequest("nobody", grant)));
        char[] identity = "identity passphrase".toCharArray();
        assertThatThrownBy(() -> new IdentityResource(APP.services().identities()).read(coordinator, STUDY,
                "00000000-0000-0000-0000-000000000000", new IdentityRequest(identity, "withdrawal")));
        char[] part = "part passphrase".toCharArray();
        assertThatThrownBy(() -> referrals.readPart(coordinator, "no-such-case", new PartRequest(part)));
        char[] state = "state passphrase".toCharArray();
        assertThatThrownBy(() -> referrals.change(coordinator, "no-such-case",
                new CaseChange("referred", 1, "svc", "2026-03-01", null, state)));
        char[] export = "export passphrase".toCharArray();
        assertThatThrownBy(() -> APP.app().services().exportJobs().request(coordinator, STUDY,
                new NewExport(export, null, null, null, null)));
        assertWiped(change, changeNext, grant, identity, part, state, export);
    }

    @Test
    void unlockedKey_wipedAfterUse() {
        FieldsafePrincipal holder = new FieldsafePrincipal("dm-unlock", Role.DATA_MANAGER, List.of(), "0".repeat(64),
                null);
        byte[] expected = keys.pairs().get("research").privateKey();
        byte[] held;
        UnlockedKey key = APP.services().custody().unlock(STUDY, "research", Envelopes.PASSPHRASE.toCharArray(),
                holder, "export");
        try (key) {
            held = key.privateKey();
            assertThat(held).isEqualTo(expected);
            assertThat(key.toString()).contains("[REDACTED]")
                    .doesNotContain(java.util.HexFormat.of().formatHex(expected));
        }
        assertThat(held).containsOnly((byte) 0);
        assertThatThrownBy(key::privateKey).isInstanceOf(IllegalStateException.class);
    }
}
