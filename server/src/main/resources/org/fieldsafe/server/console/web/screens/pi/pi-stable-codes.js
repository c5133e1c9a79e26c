import { html } from 'lit';
import { api, problemEntry } from '../../api.js';
import { t } from '../../i18n.js';
import { hasText } from '../../texts.js';
import { dateTime } from '../../dates.js';
import { fieldError } from '../../error-summary.js';
import { StudyScreen, studySelect } from './study-choice.js';

// Stable-code grants (principal investigators): the study's grants with their state, and a new one-use grant for a
// reason code (GET /reason-codes), whose id the PI gives the data manager for their export.
class PiStableCodes extends StudyScreen {
  static properties = { ...StudyScreen.properties, reasons: { state: true }, grants: { state: true },
    granted: { state: true } };

  constructor() {
    super();
    this.reasons = [];
    this.grants = [];
    this.granted = null;
  }

  async load() {
    if (!this.reasons.length) {
      this.reasons = (await api.get('reason-codes')).stableCodes;
    }
    this.grants = await api.get(this.studyPath('exports/stable-code-grants'));
  }

  async grant(e) {
    e.preventDefault();
    const reason = this.querySelector('#grant-reason').value;
    if (!reason) {
      this.errors = [{ field: 'grant-reason', key: 'pi.grants.reasonEmpty' }];
      return;
    }
    this.errors = [];
    this.busy = true;
    try {
      this.granted = await api.post(this.studyPath('exports/stable-code-grants'),
        { reason });
      await this.load();
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    } finally {
      this.busy = false;
    }
  }

  render() {
    const when = (i) => dateTime(i, this.uiLang);
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('pi.grants.title')}</h1>
      <p class="hint">${t('pi.grants.hint')}</p>
      ${this.granted ? html`<div class="notice" role="status">
          <p>${t('pi.grants.granted')}</p>
          <p><code class="grant-id">${this.granted.id}</code></p>
          <p>${t('pi.grants.expires', { when: when(this.granted.expiresAt) })}</p>
        </div>` : ''}
      <form class="question" @submit=${this.grant} novalidate>
        ${studySelect('grant-study', this.studies, this.study, (s) => { this.study = s; this.load(); })}
        <div class="field">
          <label for="grant-reason">${t('pi.grants.reason')}</label>
          ${fieldError(this.errors, 'grant-reason')}
          <select id="grant-reason">
            <option value="">${t('pi.choose')}</option>
            ${this.reasons.map((r) => html`<option value=${r}>${t('pi.reason.' + r)}</option>`)}
          </select>
        </div>
        <button type="submit" ?disabled=${this.busy}>${t('pi.grants.submit')}</button>
      </form>
      <table class="grants">
        <caption>${t('pi.grants.listTitle')}</caption>
        <thead><tr><th scope="col">${t('pi.grants.id')}</th><th scope="col">${t('pi.grants.reason')}</th>
          <th scope="col">${t('pi.grants.grantedAt')}</th><th scope="col">${t('pi.grants.state')}</th>
          <th scope="col">${t('pi.grants.export')}</th></tr></thead>
        <tbody>${this.grants.length ? this.grants.map((g) => html`<tr>
            <td><code>${g.id}</code></td><td>${t('pi.reason.' + g.reason)}</td><td>${when(g.grantedAt)}</td>
            <td>${t('pi.grants.state.' + g.state)}</td><td>${g.exportId || ''}</td></tr>`)
          : html`<tr><td colspan="5">${t('pi.grants.none')}</td></tr>`}</tbody>
      </table>`;
  }
}
customElements.define('fs-pi-stable-codes', PiStableCodes);
