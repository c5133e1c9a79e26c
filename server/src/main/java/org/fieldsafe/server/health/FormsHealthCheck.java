package org.fieldsafe.server.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.List;
import org.fieldsafe.core.wire.StudyInfo;
import org.fieldsafe.server.forms.FormService;

/** Healthy when at least one study with forms is loaded; reports the counts. */
public class FormsHealthCheck extends HealthCheck {
    private final FormService forms;

    public FormsHealthCheck(FormService forms) {
        this.forms = forms;
    }

    @Override
    protected Result check() {
        List<StudyInfo> studies = forms.studies();
        if (studies.isEmpty()) {
            return Result.unhealthy("No study loaded");
        }
        long versions = studies.stream().mapToLong(s -> forms.forms(s.id()).size()).sum();
        return Result.healthy(studies.size() + " studies, " + versions + " form versions");
    }
}
