package org.fieldsafe.core.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlDocumentTest {
    private final List<FormProblem> problems = new ArrayList<>();

    @Test
    void parse_yaml11BooleansOtherThanTrueFalseStayText() {
        YamlDocument doc = YamlDocument.parse("a: yes\nb: no\nc: on\nd: off\ne: true\nf: False\ng: 'yes'\n", "x.yaml",
                problems);
        assertThat(problems).isEmpty();
        assertThat(doc.root().get("a").isTextual()).isTrue();
        assertThat(doc.root().get("a").textValue()).isEqualTo("yes");
        assertThat(doc.root().get("b").textValue()).isEqualTo("no");
        assertThat(doc.root().get("c").textValue()).isEqualTo("on");
        assertThat(doc.root().get("d").textValue()).isEqualTo("off");
        assertThat(doc.root().get("e").isBoolean()).isTrue();
        assertThat(doc.root().get("f").booleanValue()).isFalse();
        assertThat(doc.root().get("g").textValue()).isEqualTo("yes");
    }

    @Test
    void parse_recordsTheLineOfEveryPath() {
        YamlDocument doc = YamlDocument.parse("id: x\nquestions:\n  - id: a\n    choices:\n      - {id: 1}\n"
                + "  - id: b\n", "x.yaml", problems);
        assertThat(doc.line("id")).isEqualTo(1);
        assertThat(doc.line("questions")).isEqualTo(2);
        assertThat(doc.line("questions[0]")).isEqualTo(3);
        assertThat(doc.line("questions[0].choices[0].id")).isEqualTo(5);
        assertThat(doc.line("questions[1].id")).isEqualTo(6);
        assertThat(doc.line("questions[1].label")).isEqualTo(6);
        assertThat(doc.root().at("/questions/0/choices/0/id").isIntegralNumber()).isTrue();
    }

    @Test
    void parse_reportsDuplicateKeysAndSyntaxErrors() {
        YamlDocument.parse("a: 1\nb: 2\na: 3\n", "d.yaml", problems);
        assertThat(problems).extracting(FormProblem::toString).containsExactly("d.yaml:3: a: duplicate key");
        problems.clear();
        assertThat(YamlDocument.parse("a: [1, 2\nb: 3\n", "s.yaml", problems)).isNull();
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).startsWith("not valid YAML"));
        problems.clear();
        YamlDocument.parse("a: 1\n---\nb: 2\n", "m.yaml", problems);
        assertThat(problems).extracting(FormProblem::toString)
                .containsExactly("m.yaml:3: only one YAML document per file");
        problems.clear();
        assertThat(YamlDocument.parse("", "e.yaml", problems)).isNull();
        assertThat(problems).extracting(FormProblem::toString).containsExactly("e.yaml:1: the file is empty");
    }

    @Test
    void formValidationException_listsEveryProblemPerLine() {
        FormValidationException e = new FormValidationException(List.of(
                new FormProblem("a.yaml", 3, "questions[0].id", "duplicate question id 'x'"),
                new FormProblem("b.yaml", 0, "", "cannot read")));
        assertThat(e.getMessage()).isEqualTo("a.yaml:3: questions[0].id: duplicate question id 'x'\n"
                + "b.yaml:0: cannot read");
        assertThat(e.problems()).hasSize(2);
    }
}
