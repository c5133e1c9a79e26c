import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { LightElement } from './light-element.js';
import { t, ts } from './i18n.js';
import { interviews } from './interview-api.js';
import './recorder.js';
import {
  texts, control, readValue, probes, problemSummary, flowField, services, fieldId,
} from './interview-parts.js';

// Interviews: start one (form, site, language, draft passphrase) or resume a paused one from the drafts list; then
// one screen per step as the local app gives it: consent and questions, the disclosure button always there, the
// referral flow, the redaction review, sealing. Every step is saved by the local app before it answers; this page
// keeps nothing but what it shows.
class InterviewScreen extends LightElement {
  static properties = {
    uiLang: { type: String }, languages: { type: Object }, home: { state: true }, drafts: { state: true }, errors: { state: true },
    opened: { state: true }, screen: { state: true }, problems: { state: true }, raising: { state: true },
    disclosed: { state: true }, review: { state: true }, sealed: { state: true }, busy: { state: true },
  };

  constructor() {
    super();
    this.home = null;
    this.drafts = [];
    this.errors = [];
    this.reset();
  }

  reset() {
    this.opened = null;
    this.screen = null;
    this.problems = [];
    this.raising = false;
    this.disclosed = [];
    this.review = null;
    this.sealed = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.home = await interviews.home();
      this.drafts = (await interviews.drafts()).drafts;
    } catch (err) {
      this.fail(err);
    }
  }

  fail(err) {
    if (err.status === 423) {
      this.dispatchEvent(new CustomEvent('locked', { bubbles: true }));
      return;
    }
    this.errors = [{ key: err.key, detail: err.detail }];
  }

  lang() {
    return this.opened ? this.opened.language : this.uiLang;
  }

  updated() {
    const summary = this.querySelector('.error-summary');
    if (summary && this.focusSummary) {
      this.focusSummary = false;
      summary.focus();
    } else if (this.focusHeading) {
      this.focusHeading = false;
      this.querySelector('h1')?.focus();
    }
  }

  // Every step: the screen it returns, its problems (summary focused) or the next screen (heading focused).
  async apply(promise) {
    this.busy = true;
    try {
      const result = await promise;
      this.errors = [];
      this.problems = result.problems || [];
      if (result.disclosed && result.disclosed.length) {
        this.disclosed = result.disclosed;
      }
      if (result.ok !== false) {
        this.steps = (this.steps || 0) + 1;
      }
      this.screen = result.screen;
      this.focusSummary = this.problems.length > 0;
      this.focusHeading = !this.focusSummary;
      if (this.screen.step === 'REVIEW') {
        this.review = await interviews.review(this.opened.id);
      }
    } catch (err) {
      this.fail(err);
      this.focusSummary = true;
    } finally {
      this.busy = false;
    }
  }

  async start(e) {
    e.preventDefault();
    const f = e.target.elements;
    const category = this.querySelector('form.start input[name=category]:checked');
    const joint = this.querySelector('form.start input[name=respondents]:checked');
    await this.open(interviews.start({
      form: f.form.value, site: f.site.value, language: f.language.value, category: category ? category.value : null,
      respondents: joint ? Number(joint.value) : 1,
      passphrase: f.draftPassphrase.value, again: f.draftAgain.value,
    }), f.language.value);
  }

  async resume(e, draft) {
    e.preventDefault();
    const input = this.querySelector('#resume-' + draft.draftId);
    await this.open(interviews.resume(draft.draftId, input.value), draft.language);
  }

  async open(promise, language) {
    try {
      const opened = await promise;
      this.reset();
      this.opened = { ...opened, language };
      this.errors = [];
      await this.apply(Promise.resolve({ ok: true, problems: [], screen: opened.screen }));
    } catch (err) {
      this.fail(err);
      this.focusSummary = true;
    }
  }

  async submitAnswer(e) {
    e.preventDefault();
    const q = this.screen.question;
    const value = q.type === 'note' ? null : readValue(q, e.target);
    await this.pendingTick;
    if (q.type === 'note') {
      this.apply(interviews.act(this.opened.id, 'next'));
      return;
    }
    this.apply(value === null || (Array.isArray(value) && !value.length) ? interviews.act(this.opened.id, 'next')
      : interviews.answer(this.opened.id, q.id, value));
  }

  // A probe ticked or unticked: saved in the draft at once; the form stays as it is (nothing typed is lost).
  async tick(question, ticked) {
    const previous = this.pendingTick;
    let done;
    this.pendingTick = new Promise((resolve) => { done = resolve; });
    try {
      await previous;
      const result = await interviews.probes(this.opened.id, question, ticked);
      this.problems = result.problems || [];
      this.focusSummary = this.problems.length > 0;
    } catch (err) {
      this.fail(err);
    } finally {
      done();
    }
  }

  // The next step waits for the ticks sent before it, so they are saved on the question they were ticked on.
  async act(action) {
    await this.pendingTick;
    this.apply(interviews.act(this.opened.id, action));
  }

  async pause() {
    try {
      await interviews.act(this.opened.id, 'pause');
      this.reset();
      await this.load();
    } catch (err) {
      this.fail(err);
    }
  }

  raise(e) {
    e.preventDefault();
    const f = e.target;
    const category = f.querySelector('input[name=category]:checked');
    const urgency = f.querySelector('input[name=urgency]:checked');
    this.raising = false;
    this.apply(interviews.disclosure(this.opened.id, category ? category.value : null,
      urgency ? urgency.value : null));
  }

  refer(e) {
    e.preventDefault();
    const f = e.target;
    const choice = f.querySelector('input[name=choice]:checked');
    const pick = (name) => {
      const r = f.querySelector('input[name=' + name + ']:checked') || f.querySelector('input[name=' + name + ']');
      return r && r.value.trim() !== '' ? r.value : null;
    };
    this.apply(interviews.referral(this.opened.id, {
      choice: choice ? choice.value : null,
      routes: [...f.querySelectorAll('input[name=route]:checked')].map((x) => x.value),
      authoritiesYes: [...f.querySelectorAll('input[name=authorityYes]:checked')].map((x) => x.value),
      contactHow: pick('contactHow'),
      contactWhen: pick('contactWhen'),
    }));
  }

  async redaction(replacement, undo) {
    try {
      this.review = await interviews.redaction(this.opened.id, replacement, undo);
    } catch (err) {
      this.fail(err);
    }
  }

  async seal() {
    try {
      this.sealed = await interviews.act(this.opened.id, 'seal');
      this.screen = { ...this.screen, step: 'SEALED' };
      this.focusHeading = true;
    } catch (err) {
      this.fail(err);
      this.focusSummary = true;
    }
  }

  startForm() {
    const h = this.home;
    if (!h) {
      return nothing;
    }
    const interviewForms = h.forms.filter((f) => f.kind !== 'consent');
    return html`<form class="start" autocomplete="off" @submit=${this.start} novalidate>
      <h1 tabindex="-1">${t('interview.startTitle')}</h1>
      <div class="field"><label for="form">${t('interview.form')}</label>
        <select id="form" name="form">${interviewForms.map((f) => html`<option value=${f.formId}
          lang=${f.titleLang || 'en'}>${f.title || f.formId}</option>`)}</select></div>
      <div class="field"><label for="site">${t('interview.site')}</label>
        <select id="site" name="site"><option value=${h.device.site}>${h.device.site}</option></select></div>
      <div class="field"><label for="language">${t('interview.language')}</label>
        <select id="language" name="language">${Object.keys(interviewForms[0]?.languages || {}).map((code) => html`
          <option value=${code} lang=${code} ?selected=${code === this.uiLang}>${(this.languages || {})[code] || code}</option>`)}</select></div>
      <fieldset class="choices categories"><legend>${t('interview.category')}</legend>
        <p class="hint">${t('interview.categoryHint')}</p>
        ${(h.categories || []).map((c, i) => html`<div class="choice">
          <input type="radio" name="category" value=${c.id} id=${i === 0 ? 'category' : 'category-' + c.id}>
          <label for=${i === 0 ? 'category' : 'category-' + c.id} lang=${c.lang}>${c.label}</label></div>`)}</fieldset>
      <fieldset class="choices respondents"><legend>${t('interview.respondents')}</legend>
        <div class="choice"><input type="radio" name="respondents" value="1" id="respondents" checked>
          <label for="respondents">${t('interview.oneRespondent')}</label></div>
        <div class="choice"><input type="radio" name="respondents" value="2" id="respondents-2">
          <label for="respondents-2">${t('interview.joint')}</label></div></fieldset>
      ${h.directory.version === null || h.directory.version === undefined
        ? html`<p class="warning">${t('home.directoryMissing', { site: h.directory.site })}</p>` : nothing}
      ${h.directory.unconfirmed ? html`<p class="warning">${t('home.directoryUnconfirmed', { n: h.directory.unconfirmed })}</p>`
        : nothing}
      <div class="field"><label for="draftPassphrase">${t('interview.draftPassphrase')}</label>
        <p class="hint">${t('interview.draftPassphraseHint')}</p>
        <input id="draftPassphrase" name="draftPassphrase" type="password" autocomplete="off"></div>
      <div class="field"><label for="draftAgain">${t('interview.draftAgain')}</label>
        <input id="draftAgain" name="draftAgain" type="password" autocomplete="off"></div>
      <button type="submit">${t('interview.start')}</button>
    </form>
    <section aria-labelledby="paused-title"><h2 id="paused-title">${t('interview.paused')}</h2>
      ${this.drafts.length ? html`<ul class="drafts">${this.drafts.map((d) => html`<li>
        <form autocomplete="off" @submit=${(e) => this.resume(e, d)}>
          <p>${t('home.draftLine', { form: d.formId, site: d.site, answered: d.answered < 0 ? '-' : d.answered,
            total: d.total, saved: d.savedAt ? new Date(d.savedAt).toISOString().slice(0, 16).replace('T', ' ') : '-' })}</p>
          <label for=${'resume-' + d.draftId}>${t('interview.draftPassphrase')}</label>
          <input id=${'resume-' + d.draftId} type="password" autocomplete="off">
          <button type="submit">${t('interview.resume')}</button></form></li>`)}</ul>`
        : html`<p>${t('home.noDrafts')}</p>`}</section>`;
  }

  toolbar() {
    const s = this.screen;
    const over = ['SEALED', 'STOPPED'].includes(s.step);
    return html`<div class="interview-tools" role="group" aria-label=${ts('interview.tools')}>
      <span class="progress">${t('interview.progress', { answered: s.progress.answered, total: s.progress.total })}</span>
      ${s.respondents > 1 && s.respondent >= 0 ? html`<span class="respondent">${t('interview.respondentOf',
        { n: s.respondent + 1, count: s.respondents })}</span>` : nothing}
      ${over ? nothing : html`
        <button type="button" class="disclosure-button" aria-expanded=${this.raising ? 'true' : 'false'}
          @click=${() => { this.raising = !this.raising; }}>${t('interview.disclosure')}</button>
        <button type="button" class="secondary" @click=${() => this.pause()}>${t('interview.pause')}</button>
        <button type="button" class="secondary stop" @click=${() => this.act('stop')}>${t('interview.stop')}</button>`}
    </div>`;
  }

  raiseForm() {
    const fields = this.opened.raiseFields;
    const lang = this.lang();
    return html`<form class="raise" autocomplete="off" @submit=${this.raise} aria-labelledby="raise-title">
      <h2 id="raise-title">${t('interview.raiseTitle')}</h2>
      ${fields.map((f, i) => flowField(i === 0 ? 'category' : 'urgency', f, this.problems, lang))}
      <button type="submit">${t('interview.raise')}</button>
      <button type="button" class="secondary" @click=${() => { this.raising = false; }}>${t('interview.cancel')}</button>
    </form>`;
  }

  announcements() {
    if (!this.disclosed.length) {
      return nothing;
    }
    const lang = this.lang();
    return html`<div class="announcement" role="status">${this.disclosed.map((d) => html`
      <p lang=${lang}>${d.announcement}</p>
      ${d.emergencies && d.emergencies.length ? html`<h2>${t('interview.emergencies')}</h2>${services(d.emergencies, lang)}`
        : nothing}`)}</div>`;
  }

  question() {
    const s = this.screen;
    const q = s.question;
    const consent = q.consentItem;
    // a fresh form per question and step: nothing typed or ticked for one question shows on the next
    return keyed(`${s.respondent}/${q.form}/${q.id}/${this.steps || 0}`, html`<form class="question" autocomplete="off" @submit=${this.submitAnswer} novalidate data-question=${q.id}>
      <h1 tabindex="-1">${q.consentItem ? t('interview.consentTitle') : t('interview.questionTitle')}</h1>
      ${s.minor && consent ? html`<p class="warning">${t('interview.minor')}</p>` : nothing}
      ${problemSummary(this.problems)}
      ${texts(q)}
      ${control(q, this.problems)}
      ${probes(q, (ticked) => this.tick(q.id, ticked))}
      <div class="buttons">
        <button type="button" class="secondary" @click=${() => this.act('back')}>${t('interview.back')}</button>
        <button type="submit" class="primary" id=${fieldId('step')}>${t('interview.next')}</button>
      </div>
    </form>`);
  }

  referral() {
    const r = this.screen.referral;
    const lang = this.lang();
    return keyed(`referral/${r.respondent}/${r.disclosure.category.id}`, html`<form class="referral" autocomplete="off" @submit=${this.refer} novalidate>
      <h1 tabindex="-1">${t('interview.referralTitle')}</h1>
      ${problemSummary(this.problems)}
      <div class="interviewer-note distress"><p class="kind">${t('interview.note')}</p>
        <p>${t('interview.distress', { pause: ts('interview.pause'), stop: ts('interview.stop') })}</p></div>
      ${r.emergencies.length ? html`<h2>${t('interview.emergencies')}</h2>${services(r.emergencies, lang)}` : nothing}
      <div class="read-out"><p class="kind">${t('interview.readOut')}</p><p lang=${lang}>${r.script}</p></div>
      <h2>${t('interview.directory')}</h2>${services(r.directory, lang)}
      ${flowField('choice', r.choice, this.problems, lang)}
      <fieldset class="choices routes"><legend>${t('interview.routes')}</legend>
        ${r.routes.map((x) => html`<div class="choice">
          <input type="checkbox" name="route" value=${x.id} id=${'route-' + x.id}>
          <label for=${'route-' + x.id} lang=${lang}>${x.name}</label>
          ${x.involvesAuthorities ? html`<div class="choice authority">
            <input type="checkbox" name="authorityYes" value=${x.id} id=${'authority-' + x.id}>
            <label for=${'authority-' + x.id} lang=${lang}>${x.authorityPrompt}</label></div>` : nothing}
        </div>`)}</fieldset>
      <div id=${fieldId('routes')} tabindex="-1"></div>
      ${flowField('contactHow', r.contactHow, this.problems, lang)}
      ${flowField('contactWhen', r.contactWhen, this.problems, lang)}
      <button type="submit" class="primary">${t('interview.referralSave')}</button>
    </form>`);
  }

  reviewScreen() {
    const list = this.review ? this.review.replacements : [];
    return html`<h1 tabindex="-1">${t('interview.reviewTitle')}</h1>
      <p>${t('interview.reviewHint')}</p>
      ${list.length ? html`<ul class="redactions">${list.map((r) => html`<li class=${r.undone ? 'undone' : ''}>
        <p><span lang=${this.lang()}>${r.text.slice(0, r.start)}<mark>${r.found}</mark>${r.text.slice(r.end)}</span></p>
        <p>${r.undone ? t('interview.keptAsWritten') : t('interview.becomes', { kind: '[' + r.kind + ']' })}</p>
        <button type="button" class="secondary" @click=${() => this.redaction(r.id, !r.undone)}>${r.undone
          ? t('interview.redactAgain') : t('interview.undo')}</button></li>`)}</ul>`
        : html`<p>${t('interview.noRedactions')}</p>`}
      <div class="buttons">
        <button type="button" class="secondary" @click=${() => this.act('back')}>${t('interview.back')}</button>
        <button type="button" @click=${() => this.seal()}>${t('interview.seal')}</button></div>`;
  }

  body() {
    const s = this.screen;
    switch (s.step) {
      case 'QUESTION': return this.question();
      case 'REFERRAL': return this.referral();
      case 'REVIEW': return this.reviewScreen();
      case 'NOBODY': return html`<h1 tabindex="-1">${t('interview.nobodyTitle')}</h1>
        ${s.refusals.map((x) => html`<p class="warning" lang="en">${x}</p>`)}
        <div class="buttons"><button type="button" class="secondary" @click=${() => this.act('back')}>${t('interview.back')}</button>
        <button type="button" @click=${() => this.act('discard').then(() => { this.reset(); this.load(); })}>${t('interview.discard')}</button></div>`;
      case 'STOPPED': return html`<h1 tabindex="-1">${t('interview.stoppedTitle')}</h1>
        <button type="button" @click=${() => this.seal()}>${t('interview.closeStopped')}</button>`;
      case 'SEALED': return html`<h1 tabindex="-1">${t('interview.sealedTitle')}</h1>
        <p>${t('interview.sealedHint')}</p>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('navigate', { bubbles: true, detail: 'sync' }))}>${t('app.nav.sync')}</button>
        <button type="button" class="secondary" @click=${() => { this.reset(); this.load(); }}>${t('interview.another')}</button>`;
      default: return nothing;
    }
  }

  render() {
    const errors = this.errors.length ? html`<fs-error-summary .errors=${this.errors}></fs-error-summary>` : nothing;
    if (!this.screen) {
      return html`${errors}${this.startForm()}`;
    }
    return html`${errors}<div class="interview" lang=${this.lang()} aria-busy=${this.busy ? 'true' : 'false'}>
      ${this.toolbar()}${this.raising ? this.raiseForm() : nothing}${this.announcements()}${['SEALED', 'STOPPED'].includes(this.screen.step) ? nothing
    : html`<fs-recorder .interviewId=${this.opened.id} .screen=${this.screen} @recording-started=${(e) => this.apply(Promise.resolve(e.detail))}></fs-recorder>`}${this.body()}</div>`;
  }
}
customElements.define('fs-interview-screen', InterviewScreen);

