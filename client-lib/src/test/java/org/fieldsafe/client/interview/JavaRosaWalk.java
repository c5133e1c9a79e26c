package org.fieldsafe.client.interview;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.javarosa.core.model.FormDef;
import org.javarosa.core.model.FormIndex;
import org.javarosa.core.model.data.DateData;
import org.javarosa.core.model.data.DecimalData;
import org.javarosa.core.model.data.IAnswerData;
import org.javarosa.core.model.data.IntegerData;
import org.javarosa.core.model.data.SelectMultiData;
import org.javarosa.core.model.data.SelectOneData;
import org.javarosa.core.model.data.StringData;
import org.javarosa.core.model.data.helper.Selection;
import org.javarosa.core.model.instance.FormInstance;
import org.javarosa.core.model.instance.InstanceInitializationFactory;
import org.javarosa.form.api.FormEntryController;
import org.javarosa.form.api.FormEntryModel;

/**
 * The same walk as {@link EngineWalk} in JavaRosa over a Fieldsafe XForm: {@link FormEntryController} steps to each
 * relevant question, {@code answerQuestion} takes or refuses each answer (constraint, required). Answers are given
 * as the field app reads them ({@link AnswerValues#parse}: text trimmed, blank is empty), in JavaRosa's types. The
 * parsed form is kept; each walk starts on a fresh copy of its blank instance.
 */
final class JavaRosaWalk {
    private final FormDef def;
    private final FormInstance blank;
    private final List<FormDefinition> forms;

    JavaRosaWalk(FormDef def, List<FormDefinition> forms) {
        this.def = def;
        this.blank = def.getMainInstance().clone();
        this.forms = forms;
    }

    List<String> walk(Map<String, List<Object>> answers) throws InterviewException {
        def.setInstance(blank.clone());
        def.initialize(true, new InstanceInitializationFactory());
        FormEntryModel model = new FormEntryModel(def);
        FormEntryController controller = new FormEntryController(model);
        List<String> steps = new ArrayList<>();
        int event;
        while ((event = controller.stepToNextEvent()) != FormEntryController.EVENT_END_OF_FORM) {
            if (event != FormEntryController.EVENT_QUESTION) {
                continue;
            }
            FormIndex index = model.getFormIndex();
            String key = index.getReference().toString(false).substring("/data/".length());
            Question q = question(key);
            if (q.type() == QuestionType.NOTE) {
                steps.add(key + ": note");
                continue;
            }
            List<String> verdicts = new ArrayList<>();
            List<Object> tries = new ArrayList<>(answers.getOrDefault(key, List.of()));
            tries.add(null);
            boolean taken = false;
            for (Object raw : tries) {
                int status = controller.answerQuestion(index, data(q, AnswerValues.parse(0, q, raw)), true);
                if (status == FormEntryController.ANSWER_OK) {
                    verdicts.add("ok");
                    taken = true;
                    break;
                }
                verdicts.add(status == FormEntryController.ANSWER_REQUIRED_BUT_EMPTY ? "required" : "constraint");
            }
            steps.add(key + ": " + String.join(",", verdicts));
            if (!taken) {
                break;
            }
        }
        return steps;
    }

    private Question question(String key) {
        String[] parts = key.split("/");
        return forms.stream().filter(f -> f.id().equals(parts[0])).findFirst()
                .flatMap(f -> f.question(parts[1])).orElseThrow(() -> new IllegalStateException("no question " + key));
    }

    @SuppressWarnings("unchecked")
    private static IAnswerData data(Question q, Object value) {
        if (value == null) {
            return null;
        }
        return switch (q.type()) {
            case INTEGER -> new IntegerData(((BigDecimal) value).intValueExact());
            case DECIMAL -> new DecimalData(((BigDecimal) value).doubleValue());
            case DATE -> new DateData(Date.from(((LocalDate) value).atStartOfDay(ZoneId.systemDefault()).toInstant()));
            case SELECT_ONE -> new SelectOneData(new Selection((String) value));
            case SELECT_MULTIPLE -> new SelectMultiData(((List<String>) value).stream().map(Selection::new).toList());
            default -> new StringData((String) value);
        };
    }
}
