package org.fieldsafe.core.forms.xform;

import static org.fieldsafe.core.forms.ConsentRules.AGE;
import static org.fieldsafe.core.forms.ConsentRules.ASSENT;
import static org.fieldsafe.core.forms.ConsentRules.CATEGORY;
import static org.fieldsafe.core.forms.ConsentRules.CODE;
import static org.fieldsafe.core.forms.ConsentRules.GUARDIAN;
import static org.fieldsafe.core.forms.ConsentRules.PARTICIPATION;
import static org.fieldsafe.core.forms.ConsentRules.RECORDING;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fieldsafe.core.expr.Expression;
import org.fieldsafe.core.expr.ExpressionException;
import org.fieldsafe.core.expr.XPathTranslator;
import org.fieldsafe.core.forms.Choice;
import org.fieldsafe.core.forms.FormDefinition;
import org.fieldsafe.core.forms.Probe;
import org.fieldsafe.core.forms.Question;
import org.fieldsafe.core.forms.QuestionType;
import org.fieldsafe.core.forms.Study;
import org.w3c.dom.Element;

/**
 * One form as a group of the XForm ({@code /data/<form id>}): its instance nodes, binds and body controls. The
 * interview's group is relevant only when the consent group passes the consent rule of the field app
 * (participation yes; a minor's guardian consent and assent yes; a respondent code), and its audio questions only
 * with recording consent. The field app's identity checks become constraints too: the respondent code follows the
 * study's pattern (and names the site, for a site's devices), and the interview's category is the code's.
 */
record XFormSection(FormDefinition form, String path, String relevant, String audioRelevant,
                    Map<String, String> identityChecks) {
    static XFormSection consent(FormDefinition consent, Study study, String site) {
        Map<String, String> checks = new HashMap<>();
        if (consent.question(CODE).filter(XFormSection::isText).isPresent()) {
            String check = "regex(., " + XPathTranslator.quote(study.respondentCode().pattern()) + ")";
            if (site != null) {
                check += " and starts-with(., " + XPathTranslator.quote(site + "-") + ")";
            }
            checks.put(CODE, check);
        }
        return new XFormSection(consent, XFormWriter.ROOT + "/" + consent.id(), null, null, checks);
    }

    static XFormSection interview(FormDefinition interview, XFormSection consent, int ageOfMajority) {
        String recording = consent.has(RECORDING) ? "(" + consent.node(RECORDING) + " = 'yes')" : "false()";
        Map<String, String> checks = new HashMap<>();
        if (consent.has(CODE) && interview.question(CATEGORY).filter(q -> q.type() == QuestionType.SELECT_ONE)
                .isPresent()) {
            String code = consent.node(CODE);
            checks.put(CATEGORY, "(string(" + code + ") = '') or contains(" + code + ", concat('-', ., '-'))");
        }
        return new XFormSection(interview, XFormWriter.ROOT + "/" + interview.id(), consent.gate(ageOfMajority),
                recording, checks);
    }

    private static boolean isText(Question q) {
        return q.type() == QuestionType.SHORT_TEXT || q.type() == QuestionType.TEXT;
    }

    /** The consent rule over this (consent) group's nodes. */
    private String gate(int ageOfMajority) {
        List<String> parts = new ArrayList<>();
        parts.add(has(PARTICIPATION) ? "(" + node(PARTICIPATION) + " = 'yes')" : "false()");
        if (has(AGE) && isNumber(AGE)) {
            String minor = "((string(" + node(AGE) + ") != '') and (" + node(AGE) + " < " + ageOfMajority + "))";
            String both = has(GUARDIAN) && has(ASSENT)
                    ? "((" + node(GUARDIAN) + " = 'yes') and (" + node(ASSENT) + " = 'yes'))" : "false()";
            parts.add("(not(" + minor + ") or " + both + ")");
        }
        parts.add(has(CODE) ? "(string(" + node(CODE) + ") != '')" : "false()");
        return String.join(" and ", parts);
    }

    private boolean has(String questionId) {
        return form.question(questionId).isPresent();
    }

    private boolean isNumber(String questionId) {
        QuestionType t = form.question(questionId).orElseThrow().type();
        return t == QuestionType.INTEGER || t == QuestionType.DECIMAL;
    }

    String node(String questionId) {
        return path + "/" + questionId;
    }

    void write(Element data, Element body, List<Element> binds, XFormTexts texts) {
        Element group = XFormWriter.child(data, XFormWriter.XFORMS, form.id());
        Element control = body.getOwnerDocument().createElementNS(XFormWriter.XFORMS, "group");
        control.setAttribute("ref", path);
        body.appendChild(control);
        XFormWriter.child(control, XFormWriter.XFORMS, "label")
                .setAttribute("ref", texts.add(path + ":label", form.title()));
        if (relevant != null) {
            Element bind = bind(data, path);
            bind.setAttribute("relevant", relevant);
            binds.add(bind);
        }
        XPathTranslator.References refs = new XPathTranslator.References() {
            @Override
            public String path(String questionId) {
                return node(questionId);
            }

            @Override
            public boolean isDate(String questionId) {
                return form.question(questionId).map(q -> q.type() == QuestionType.DATE).orElse(false);
            }
        };
        for (Question q : form.questions()) {
            XFormWriter.child(group, XFormWriter.XFORMS, q.id());
            binds.add(bind(data, q, refs, texts));
            control.appendChild(control(body, q, texts));
        }
    }

    private Element bind(Element data, Question q, XPathTranslator.References refs, XFormTexts texts) {
        Element bind = bind(data, node(q.id()));
        bind.setAttribute("type", type(q.type()));
        String rel = q.relevant() == null ? null : xpath(q.relevant(), refs, false);
        if (q.type() == QuestionType.AUDIO && audioRelevant != null) {
            rel = rel == null ? audioRelevant : "(" + rel + ") and " + audioRelevant;
        }
        if (rel != null) {
            bind.setAttribute("relevant", rel);
        }
        if (q.type() == QuestionType.NOTE) {
            bind.setAttribute("readonly", "true()");
        } else if (q.required() || (relevant == null && q.id().equals(PARTICIPATION))) {
            bind.setAttribute("required", "true()");
        }
        String constraint = q.constraint() == null ? null : xpath(q.constraint(), refs, q.type() == QuestionType.DATE);
        String identity = identityChecks.get(q.id());
        if (identity != null) {
            constraint = constraint == null ? identity : "(" + constraint + ") and (" + identity + ")";
        }
        if (constraint != null) {
            bind.setAttribute("constraint", constraint);
            String msg = texts.add(node(q.id()) + ":constraintMsg", q.constraintMessage());
            if (msg != null) {
                bind.setAttributeNS(XFormWriter.JR, "jr:constraintMsg", msg);
            }
        }
        return bind;
    }

    private static Element bind(Element data, String nodeset) {
        Element bind = data.getOwnerDocument().createElementNS(XFormWriter.XFORMS, "bind");
        bind.setAttribute("nodeset", nodeset);
        return bind;
    }

    private Element control(Element body, Question q, XFormTexts texts) {
        String name = switch (q.type()) {
            case SELECT_ONE -> "select1";
            case SELECT_MULTIPLE -> "select";
            case AUDIO -> "upload";
            default -> "input";
        };
        Element c = body.getOwnerDocument().createElementNS(XFormWriter.XFORMS, name);
        c.setAttribute("ref", node(q.id()));
        if (q.type() == QuestionType.TEXT) {
            c.setAttribute("appearance", "multiline");
        }
        if (q.type() == QuestionType.AUDIO) {
            c.setAttribute("mediatype", "audio/*");
        }
        XFormWriter.child(c, XFormWriter.XFORMS, "label").setAttribute("ref", texts.add(node(q.id()) + ":label",
                q.label()));
        Map<String, String> hint = XFormTexts.joined(form.masterLanguage(), q.hint(), "Probes:",
                q.probes().stream().map(Probe::text).toList());
        String hintRef = texts.add(node(q.id()) + ":hint", hint);
        if (hintRef != null) {
            XFormWriter.child(c, XFormWriter.XFORMS, "hint").setAttribute("ref", hintRef);
        }
        for (Choice choice : q.choices()) {
            Element item = XFormWriter.child(c, XFormWriter.XFORMS, "item");
            XFormWriter.child(item, XFormWriter.XFORMS, "label").setAttribute("ref",
                    texts.add(node(q.id()) + "/" + choice.id() + ":label", choice.label()));
            XFormWriter.child(item, XFormWriter.XFORMS, "value").setTextContent(choice.id());
        }
        return c;
    }

    private static String type(QuestionType t) {
        return switch (t) {
            case INTEGER -> "int";
            case DECIMAL -> "decimal";
            case DATE -> "date";
            case SELECT_ONE -> "string";
            case SELECT_MULTIPLE -> "string";
            case AUDIO -> "binary";
            default -> "string";
        };
    }

    private static String xpath(String source, XPathTranslator.References refs, boolean selfIsDate) {
        try {
            return XPathTranslator.translate(Expression.parse(source), refs, selfIsDate);
        } catch (ExpressionException e) {
            throw new IllegalArgumentException("expression '" + source + "' does not parse: " + e.getMessage(), e);
        }
    }
}
