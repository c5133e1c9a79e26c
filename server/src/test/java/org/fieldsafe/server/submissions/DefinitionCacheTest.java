package org.fieldsafe.server.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldsafe.core.forms.Study;
import org.fieldsafe.core.forms.StudyLoader;
import org.fieldsafe.server.TestApp;
import org.junit.jupiter.api.Test;

/** Parsed studies by the hash of their canonical JSON: parsed once, then the same instance. */
class DefinitionCacheTest {
    @Test
    void study_sameHashTwice_parsedOnceAndTheSameInstance() throws Exception {
        String json = new String(StudyLoader.load(TestApp.FIXTURE_FORMS.resolve(TestApp.STUDY)).study().canonicalJson(),
                StandardCharsets.UTF_8);
        AtomicInteger asked = new AtomicInteger();
        DefinitionCache cache = new DefinitionCache();

        Study first = cache.study("hash-1", () -> {
            asked.incrementAndGet();
            return json;
        });
        Study again = cache.study("hash-1", () -> {
            asked.incrementAndGet();
            return json;
        });

        assertThat(again).isSameAs(first);
        assertThat(asked).hasValue(1);
        assertThat(first.id()).isEqualTo(TestApp.STUDY);
    }
}
