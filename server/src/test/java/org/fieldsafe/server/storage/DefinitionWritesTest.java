package org.fieldsafe.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fieldsafe.server.keys.StudyKeyDao;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.Test;

/**
 * What devices download (study versions, form versions, study keys) is written only by DAO statements marked
 * {@link ChangesDefinitions}, and those advance {@link Database#definitionsGeneration()} once committed; other writes
 * leave it as it is.
 */
class DefinitionWritesTest {
    /** A write of one of the tables a manifest is built from. */
    private static final Pattern DEFINITION_WRITE = Pattern.compile(
            "(insert\\s+into|update|delete\\s+from)\\s+(studies|study_versions|form_versions|study_keys)\\b");
    private static final List<Class<?>> DAOS = List.of(StudyDao.class, FormVersionDao.class, StudyKeyDao.class);

    private final Database db = TestDatabases.open(TestDatabases.Backend.SQLITE);

    @Test
    void everyStatementWritingDefinitions_isMarked() {
        Set<String> unmarked = new TreeSet<>();
        int marked = 0;
        for (Class<?> dao : DAOS) {
            for (Method method : dao.getMethods()) {
                SqlUpdate update = method.getAnnotation(SqlUpdate.class);
                if (update != null && DEFINITION_WRITE.matcher(update.value().toLowerCase(Locale.ROOT)).find()) {
                    if (method.isAnnotationPresent(ChangesDefinitions.class)) {
                        marked++;
                    } else {
                        unmarked.add(dao.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        assertThat(unmarked).isEmpty();
        assertThat(marked).isEqualTo(6);
    }

    @Test
    void noOtherSourceWritesDefinitions() throws IOException {
        Path main = Path.of("src/main/java");
        Set<String> writers = new TreeSet<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file).toLowerCase(Locale.ROOT).replaceAll("\"\\s*\\+\\s*\"", "");
                if (DEFINITION_WRITE.matcher(text).find()) {
                    writers.add(file.getFileName().toString());
                }
            }
        }
        assertThat(writers).containsExactlyInAnyOrder("StudyDao.java", "FormVersionDao.java", "StudyKeyDao.java");
    }

    @Test
    void markedWrite_advancesAfterCommit_otherWritesAndRollbacksDoNot() {
        long before = db.definitionsGeneration();
        db.write(h -> h.execute("SELECT 1"));
        db.write(h -> h.createUpdate("UPDATE form_versions SET state = state WHERE 1 = 0").execute());
        assertThat(db.definitionsGeneration()).as("unmarked writes").isEqualTo(before);

        db.write(h -> {
            h.attach(StudyDao.class).insertStudy("s1", Instant.EPOCH);
            assertThat(db.definitionsGeneration()).as("not before the commit").isEqualTo(before);
            return null;
        });
        assertThat(db.definitionsGeneration()).isEqualTo(before + 1);

        try {
            db.write(h -> {
                h.attach(StudyDao.class).insertStudy("s2", Instant.EPOCH);
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the insert was rolled back: nothing changed
        }
        assertThat(db.definitionsGeneration()).isEqualTo(before + 1);
    }

    @Test
    void definitionsCache_keptThroughOtherWrites_droppedByAMarkedOne() {
        ReadCache<String, Integer> cache = new ReadCache<>(db::definitionsGeneration, 10);
        cache.get("manifest", () -> 1);
        db.write(h -> h.execute("SELECT 1"));
        assertThat(cache.getIfCurrent("manifest")).isEqualTo(1);
        db.write(h -> h.attach(FormVersionDao.class).setState("s", "f", 1, "published", Instant.EPOCH));
        assertThat(cache.getIfCurrent("manifest")).isNull();
    }
}
