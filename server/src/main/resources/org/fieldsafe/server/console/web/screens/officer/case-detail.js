import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { api } from '../../api.js';
import { t, ts } from '../../i18n.js';
import { fieldError } from '../../error-summary.js';
import { href } from '../../router.js';
import { when, refusal, category } from './shared.js';

const OUTCOMES = ['support_received', 'service_declined', 'respondent_declined', 'respondent_unreachable', 'other'];
const REASONS = ['wrong_service', 'wrong_date', 'recorded_in_error', 'service_unavailable', 'other'];

// One referral case for its site's officer: the case (codes and times), its history from the audit log, the changes
// its state allows now (acknowledge, refer, close, end, take a referral back), each sent with the version shown -
// a stale version is said in words and the case reloaded - and the sealed referral part opened with the
// safeguarding passphrase. The passphrase goes only into a POST body; its field is emptied at once. The opened part
// is held by this screen alone and dropped when it is left (or hidden). Another site's case is "not found", as the
// API says.
class CaseDetail extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, item: { state: true },
    history: { state: true }, services: { state: true }, part: { state: true }, errors: { state: true },
    missing: { state: true }, done: { state: true }, busy: { state: true } };

  constructor() {
    super();
    this.item = null;
    this.history = [];
    this.services = [];
    this.part = null;
    this.errors = [];
    this.missing = false;
    this.done = null;
    this.busy = false;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.part = null; // the opened part leaves with the screen
  }

  get path() {
    return 'referrals/' + encodeURIComponent(this.params.id);
  }

  async load() {
    try {
      this.item = await api.get(this.path);
      this.history = await api.get(this.path + '/history');
      const dir = await api.get(`studies/${encodeURIComponent(this.item.study)}/sites/${encodeURIComponent(this.item.site)}/directory`);
      this.services = dir.services || [];
    } catch (err) {
      if (err.status === 404) {
        this.missing = true;
      } else {
        this.errors = refusal(err);
      }
    }
  }

  name(service) {
    const n = service.name || {};
    return n[this.uiLang] || n.en || Object.values(n)[0] || service.id;
  }

  authorities(service) {
    return Boolean(service.involves_authorities ?? service.involvesAuthorities);
  }

  /** The services a referral may name: without the authorities always; with them only once the part says consent. */
  offered() {
    const consented = this.part ? this.part.consentedRoutes || {} : null;
    return this.services.filter((s) => (consented ? Object.prototype.hasOwnProperty.call(consented, s.id)
      : !this.authorities(s)));
  }

  secret(id) {
    const input = this.querySelector('#' + id);
    const value = input ? input.value : '';
    if (input) {
      input.value = '';
    }
    return value;
  }

  async change(e, body, doneKey) {
    e.preventDefault();
    this.busy = true;
    try {
      this.item = await api.post(this.path + '/state', { ...body, version: this.item.version });
      this.history = await api.get(this.path + '/history');
      this.errors = [];
      this.done = doneKey;
    } catch (err) {
      this.done = null;
      if (err.type === 'case-stale') {
        this.errors = [{ field: null, key: 'officer.case.stale' }];
        await this.load();
      } else {
        this.errors = refusal(err, { service: 'refer-service', date: 'refer-date', passphrase: 'refer-passphrase',
          outcome: 'close-outcome', reason: 'correct-reason' });
      }
    } finally {
      this.busy = false;
    }
  }

  refer(e) {
    const f = e.target.elements;
    const passphrase = this.secret('refer-passphrase');
    return this.change(e, { state: 'referred', service: f.service.value, date: f.date.value, passphrase },
      'officer.done.referred');
  }

  async openPart(e) {
    e.preventDefault();
    const passphrase = this.secret('part-passphrase');
    try {
      this.part = await api.post(this.path + '/referral-part', { passphrase });
      this.errors = [];
      this.history = await api.get(this.path + '/history');
    } catch (err) {
      this.errors = refusal(err, { passphrase: 'part-passphrase' });
    }
  }

  summary(c) {
    const rows = [['case', c.id], ['site', c.site], ['category', category('officer', c.category)],
      ['urgency', ts('officer.urgency.' + c.urgency)], ['choice', ts('officer.choice.' + c.choice)],
      ['raisedBy', ts('officer.raisedBy.' + c.raisedBy)], ['state', ts('officer.state.' + c.state)],
      ['opened', when(c.openedAt, this.uiLang)], ['deadline', when(c.deadline, this.uiLang)],
      ['escalated', when(c.escalatedAt, this.uiLang)],
      ['acknowledged', c.acknowledgedAt ? ts('officer.case.byAt', { who: c.acknowledgedBy, at: when(c.acknowledgedAt, this.uiLang) }) : ''],
      ['referred', c.referredService ? ts('officer.case.referredTo', { service: c.referredService, date: c.referredOn, who: c.referredBy }) : ''],
      ['closed', c.closedAt ? ts('officer.case.byAt', { who: c.closedBy, at: when(c.closedAt, this.uiLang) }) : ''],
      ['outcome', c.outcome ? ts('officer.outcome.' + c.outcome) : ''], ['version', String(c.version)]];
    return html`<dl class="summary case-summary">${rows.filter(([, v]) => v).map(([k, v]) => html`
      <div><dt>${t('officer.case.' + k)}</dt><dd data-field=${k}>${v}</dd></div>`)}</dl>`;
  }

  historyList() {
    return html`<h2>${t('officer.case.history')}</h2>
      <ol class="case-history">${this.history.map((h) => html`<li>
        <span>${when(h.at, this.uiLang)}</span> - <span>${t('officer.event.' + h.event.replace('referral.', ''))}</span>
        - <span class="actor">${h.actor}</span>
        ${Object.keys(h.details).filter((k) => !['submission', 'site'].includes(k)).length ? html` (<span>${Object.entries(h.details)
          .filter(([k]) => !['submission', 'site'].includes(k)).map(([k, v]) => k + ': ' + v).join(', ')}</span>)` : nothing}
      </li>`)}</ol>`;
  }

  actions(c) {
    const next = c.next || [];
    const out = [];
    if (next.includes('acknowledged') && c.state === 'new') {
      out.push(html`<form class="action" @submit=${(e) => this.change(e, { state: 'acknowledged' }, 'officer.done.acknowledged')}>
        <button type="submit" ?disabled=${this.busy}>${ts('officer.action.acknowledge')}</button></form>`);
    }
    if (next.includes('referred')) {
      const offered = this.offered();
      out.push(html`<form class="action" novalidate @submit=${(e) => this.refer(e)}>
        <h3>${t('officer.action.referTitle')}</h3>
        <p class="hint">${t(this.part ? 'officer.refer.consentedOnly' : 'officer.refer.authoritiesAfterPart')}</p>
        <div class="field">${fieldError(this.errors, 'refer-service')}<label for="refer-service">${t('officer.refer.service')}</label>
          <select id="refer-service" name="service">${offered.map((s) => html`<option value=${s.id}>${this.name(s)}${this.authorities(s) ? ' - ' + ts('officer.refer.authorities') : ''}</option>`)}</select></div>
        <div class="field">${fieldError(this.errors, 'refer-date')}<label for="refer-date">${t('officer.refer.date')}</label>
          <input id="refer-date" name="date" type="date" .value=${new Date().toISOString().substring(0, 10)}></div>
        <div class="field">${fieldError(this.errors, 'refer-passphrase')}<label for="refer-passphrase">${t('officer.passphrase')}</label>
          <p class="hint">${t('officer.refer.passphraseHint')}</p>
          <input id="refer-passphrase" name="passphrase" type="password" autocomplete="off"></div>
        <button type="submit" ?disabled=${this.busy}>${ts('officer.action.refer')}</button></form>`);
    }
    if (next.includes('acknowledged') && c.state === 'referred') {
      out.push(html`<form class="action" @submit=${(e) => this.change(e, { state: 'acknowledged', reason: e.target.elements.reason.value }, 'officer.done.corrected')}>
        <h3>${t('officer.action.correctTitle')}</h3>
        <div class="field">${fieldError(this.errors, 'correct-reason')}<label for="correct-reason">${t('officer.correct.reason')}</label>
          <select id="correct-reason" name="reason">${REASONS.map((r) => html`<option value=${r}>${ts('officer.reason.' + r)}</option>`)}</select></div>
        <button type="submit" class="secondary" ?disabled=${this.busy}>${ts('officer.action.correct')}</button></form>`);
    }
    if (next.includes('closed')) {
      out.push(html`<form class="action" @submit=${(e) => this.change(e, { state: 'closed', outcome: e.target.elements.outcome.value }, 'officer.done.closed')}>
        <h3>${t('officer.action.closeTitle')}</h3>
        <div class="field">${fieldError(this.errors, 'close-outcome')}<label for="close-outcome">${t('officer.close.outcome')}</label>
          <select id="close-outcome" name="outcome">${OUTCOMES.map((o) => html`<option value=${o}>${ts('officer.outcome.' + o)}</option>`)}</select></div>
        <button type="submit" ?disabled=${this.busy}>${ts('officer.action.close')}</button></form>`);
    }
    for (const end of ['information_given', 'declined']) {
      if (next.includes(end)) {
        out.push(html`<form class="action" @submit=${(e) => this.change(e, { state: end }, 'officer.done.ended')}>
          <button type="submit" class="secondary" ?disabled=${this.busy}>${ts('officer.action.end.' + end)}</button></form>`);
      }
    }
    return out.length ? html`<h2>${t('officer.case.actions')}</h2>${out}` : html`<p>${t('officer.case.noActions')}</p>`;
  }

  partView() {
    if (!this.part) {
      return html`<form class="action" novalidate @submit=${(e) => this.openPart(e)}>
        <h2>${t('officer.part.title')}</h2>
        <p class="hint">${t('officer.part.hint')}</p>
        <div class="field">${fieldError(this.errors, 'part-passphrase')}<label for="part-passphrase">${t('officer.passphrase')}</label>
          <input id="part-passphrase" name="passphrase" type="password" autocomplete="off"></div>
        <button type="submit">${ts('officer.part.open')}</button></form>`;
    }
    const r = this.part.referral || {};
    const routes = Object.entries(this.part.consentedRoutes || {});
    return html`<section class="referral-part" aria-labelledby="part-title">
      <h2 id="part-title">${t('officer.part.title')}</h2>
      <p class="hint">${t('officer.part.held')}</p>
      <dl class="summary">
        <div><dt>${t('officer.part.code')}</dt><dd class="part-code">${r.code || ''}</dd></div>
        <div><dt>${t('officer.part.routes')}</dt><dd>${routes.length ? routes.map(([id, n]) => n + ' (' + id + ')').join(', ') : ts('officer.part.noRoutes')}</dd></div>
        <div><dt>${t('officer.part.how')}</dt><dd class="part-how">${r.contact ? r.contact.how || '' : ''}</dd></div>
        <div><dt>${t('officer.part.when')}</dt><dd class="part-when">${r.contact ? r.contact.when || '' : ''}</dd></div>
      </dl>
      <button type="button" class="secondary" @click=${() => { this.part = null; }}>${ts('officer.part.hide')}</button>
    </section>`;
  }

  render() {
    if (this.missing) {
      return html`<h1 tabindex="-1">${t('officer.case.notFound')}</h1>
        <p><a href=${href('officer/cases')}>${t('officer.case.back')}</a></p>`;
    }
    const c = this.item;
    return html`<h1 tabindex="-1">${t('officer.case.title')}</h1>
      <fs-error-summary .errors=${this.errors}></fs-error-summary>
      ${this.done ? html`<p class="notice" role="status">${t(this.done)}</p>` : nothing}
      ${c ? html`${this.summary(c)}${this.actions(c)}${this.partView()}${this.historyList()}` : html`<p>${t('shell.loading')}</p>`}
      <p><a href=${href('officer/cases')}>${t('officer.case.back')}</a></p>`;
  }
}
customElements.define('fs-officer-case', CaseDetail);
