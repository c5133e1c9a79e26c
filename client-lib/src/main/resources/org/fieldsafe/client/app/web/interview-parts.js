import { html, nothing } from 'lit';
import { t } from './i18n.js';

// Pieces of the interview screens that only render data from the local app: the form's texts (read-out text apart
// from interviewer notes and hints, each with its lang, English fallback visibly marked), the question's control,
// the probes checklist, the step problems as a GOV.UK error summary, and the referral flow's fields.

export function formText(x, cls) {
  return html`<span lang=${x.lang} class=${cls + (x.fallback ? ' fallback' : '')}>${x.text}</span>${x.fallback
    ? html` <span class="fallback-mark">${t('interview.fallback')}</span>` : nothing}`;
}

export function texts(question) {
  const readOut = question.texts.filter((x) => x.kind === 'READ_OUT');
  const notes = question.texts.filter((x) => x.kind !== 'READ_OUT');
  return html`${readOut.map((x) => html`<div class="read-out"><p class="kind">${t('interview.readOut')}</p>
      <p id=${'label-' + question.id}>${formText(x, 'read-out-text')}</p></div>`)}
    ${notes.map((x) => html`<div class=${x.kind === 'HINT' ? 'device-hint' : 'interviewer-note'}>
      <p class="kind">${t(x.kind === 'HINT' ? 'interview.hint' : 'interview.note')}</p>
      <p>${formText(x, 'note-text')}</p></div>`)}`;
}

/** The step's problems at the top (GOV.UK): focused when shown, each a link to its field. */
export function problemSummary(problems) {
  if (!problems || !problems.length) {
    return nothing;
  }
  return html`<div class="error-summary" role="alert" aria-labelledby="step-errors-title" tabindex="-1">
    <h2 id="step-errors-title">${t('errors.title')}</h2>
    <ul>${problems.map((p) => html`<li><a href=${'#' + fieldId(p.field)} lang=${p.lang}
      @click=${(e) => { e.preventDefault(); document.getElementById(fieldId(p.field))?.focus(); }}>${p.message}</a></li>`)}</ul>
  </div>`;
}

export function fieldId(field) {
  return 'f-' + (field || 'step');
}

function fieldProblem(problems, field) {
  const p = (problems || []).find((x) => x.field === field);
  return p ? html`<p class="error-message" id=${fieldId(field) + '-error'} lang=${p.lang}>${p.message}</p>` : nothing;
}

/** The control of a question; its value is read back by {@link readValue}. */
export function control(question, problems) {
  const id = fieldId(question.id);
  const given = question.given;
  const err = fieldProblem(problems, question.id);
  const described = err === nothing ? nothing : id + '-error';
  switch (question.type) {
    case 'note':
    case 'audio':
      return nothing;
    case 'select_one':
    case 'select_multiple': {
      const multi = question.type === 'select_multiple';
      const chosen = multi ? (Array.isArray(given) ? given : []) : [given];
      return html`<fieldset class="choices" aria-labelledby=${'label-' + question.id} aria-describedby=${described}>
        ${err}${question.choices.map((c, i) => html`<div class="choice">
          <input type=${multi ? 'checkbox' : 'radio'} name="answer" value=${c.id} id=${i === 0 ? id : id + '-' + c.id}
            ?checked=${chosen.includes(c.id)}>
          <label for=${i === 0 ? id : id + '-' + c.id}>${formText(c, 'choice-text')}</label></div>`)}
      </fieldset>`;
    }
    case 'text':
      return html`${err}<label class="answer-label" for=${id}>${t('interview.answer')}</label>
        <textarea id=${id} name="answer" rows="5" autocomplete="off" aria-describedby=${described} .value=${given ?? ''}></textarea>`;
    case 'date':
      return html`${err}<label class="answer-label" for=${id}>${t('interview.answer')}</label>
        <p class="hint">YYYY-MM-DD</p>
        <input id=${id} name="answer" inputmode="numeric" autocomplete="off" .value=${given ?? ''}
          aria-describedby=${described}>`;
    case 'integer':
    case 'decimal':
      return html`${err}<label class="answer-label" for=${id}>${t('interview.answer')}</label>
        <input id=${id} name="answer" inputmode="numeric" autocomplete="off" .value=${given ?? ''}
          aria-describedby=${described}>`;
    default:
      return html`${err}<label class="answer-label" for=${id}>${t('interview.answer')}</label>
        <input id=${id} name="answer" autocomplete="off" .value=${given ?? ''} aria-describedby=${described}>`;
  }
}

/** The answer in the form as the local app takes it: a choice id, a list of them, a number or a text. */
export function readValue(question, form) {
  switch (question.type) {
    case 'audio':
      return null;
    case 'select_one': {
      const c = form.querySelector('input[name=answer]:checked');
      return c ? c.value : null;
    }
    case 'select_multiple':
      return [...form.querySelectorAll('input[name=answer]:checked')].map((c) => c.value);
    case 'integer':
    case 'decimal': {
      const v = form.elements.answer.value.trim();
      return v === '' ? null : (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    }
    default: {
      const v = form.elements.answer.value;
      return v.trim() === '' ? null : v;
    }
  }
}

/** The probes checklist, ticks as the draft keeps them; {@code onTick} gets the ids ticked after each change. */
export function probes(question, onTick) {
  if (!question.probes || !question.probes.length) {
    return nothing;
  }
  const ticked = question.ticked || [];
  const changed = (e) => onTick([...e.currentTarget.querySelectorAll('input[name=probe]:checked')].map((x) => x.value));
  return html`<fieldset class="probes" @change=${changed}><legend>${t('interview.probes')}</legend>
    ${question.probes.map((p) => html`<div class="choice">
      <input type="checkbox" id=${'probe-' + p.id} name="probe" value=${p.id} ?checked=${ticked.includes(p.id)}>
      <label for=${'probe-' + p.id}>${formText(p, 'probe-text')}</label></div>`)}</fieldset>`;
}

/** A field of the referral flow as radio choices, or a text box when it takes free text. */
export function flowField(name, field, problems, lang) {
  const id = fieldId(name);
  const err = fieldProblem(problems, name);
  if (!field.options || !field.options.length) {
    return html`<div class="field">${err}<label for=${id} lang=${lang}>${field.prompt}</label>
      <input id=${id} name=${name} autocomplete="off"></div>`;
  }
  return html`<fieldset class="choices"><legend lang=${lang}>${field.prompt}</legend>${err}
    ${field.options.map((o, i) => html`<div class="choice">
      <input type="radio" name=${name} value=${o.id} id=${i === 0 ? id : id + '-' + o.id}>
      <label for=${i === 0 ? id : id + '-' + o.id} lang=${lang}>${o.text}</label></div>`)}</fieldset>`;
}

export function services(list, lang) {
  return html`<ul class="services">${list.map((s) => html`<li>
    <strong lang=${lang}>${s.name}</strong>${s.emergency ? html` <span class="tag">${t('interview.emergency')}</span>`
      : nothing}${s.confirmed ? nothing : html` <span class="warning">${t('interview.unconfirmed')}</span>`}
    <br><span class="phone">${s.phone}</span>${s.hours ? html` · <span lang=${lang}>${s.hours}</span>` : nothing}
  </li>`)}</ul>`;
}
