package org.fieldsafe.client.interview;

import java.nio.file.Path;
import java.util.List;
import org.fieldsafe.core.forms.StudyBundle;
import org.fieldsafe.core.forms.StudyLoader;

/**
 * The study folders whose forms the XForm tests write: the reference study, the fixture studies of core's and the
 * server's tests, and this module's functions study (every question type, function and operator).
 */
final class XFormStudies {
    static final List<Path> DIRS = List.of(
            Path.of("..", "forms", "beyond-awareness"),
            Path.of("..", "core", "src", "test", "resources", "fixtures", "forms", "valid-study"),
            Path.of("..", "server", "src", "test", "resources", "fixtures", "forms", "test-study"),
            Path.of("src", "test", "resources", "fixtures", "xforms", "functions-study"));

    private XFormStudies() {
    }

    static List<StudyBundle> all() {
        return DIRS.stream().map(dir -> {
            try {
                return StudyLoader.load(dir);
            } catch (Exception e) {
                throw new IllegalStateException(dir + ": " + e.getMessage(), e);
            }
        }).toList();
    }
}
