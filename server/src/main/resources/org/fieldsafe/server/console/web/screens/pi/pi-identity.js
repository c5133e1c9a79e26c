import { html, nothing } from 'lit';
import { api, problemEntry } from '../../api.js';
import { t } from '../../i18n.js';
import { hasText } from '../../texts.js';
import { fieldError } from '../../error-summary.js';
import { StudyScreen, studySelect, clearInputs } from './study-choice.js';

// Reading a submission's identity part (principal investigators): the submission id, a reason code (the choices
// come from GET /reason-codes, as the service accepts them) and the identity passphrase, which goes only into the
// POST body and is emptied at once. The part is shown until "Clear", another read or leaving the screen: it is
// kept in this element only, never in storage or the address.
class PiIdentity extends StudyScreen {
  static properties = { ...StudyScreen.properties, reasons: { state: true }, part: { state: true } };

  constructor() {
    super();
    this.reasons = [];
    this.part = null;
  }

  async load() {
    this.reasons = (await api.get('reason-codes')).identityReads;
  }

  disconnectedCallback() {
    this.part = null;
    super.disconnectedCallback();
  }

  async read(e) {
    e.preventDefault();
    this.part = null;
    const submission = this.querySelector('#identity-submission').value.trim();
    const reason = this.querySelector('#identity-reason').value;
    const passphrase = this.querySelector('#identity-passphrase');
    const errors = [];
    if (!submission) {
      errors.push({ field: 'identity-submission', key: 'pi.identity.submissionEmpty' });
    }
    if (!reason) {
      errors.push({ field: 'identity-reason', key: 'pi.identity.reasonEmpty' });
    }
    if (!passphrase.value) {
      errors.push({ field: 'identity-passphrase', key: 'pi.passphraseEmpty' });
    }
    this.errors = errors;
    if (errors.length) {
      return;
    }
    const body = { passphrase: passphrase.value, reason };
    passphrase.value = '';
    this.busy = true;
    try {
      this.part = await api.post(this.studyPath(`submissions/`)
        + `${encodeURIComponent(submission)}/identity`, body);
    } catch (err) {
      this.errors = [this.refusal(err)];
    } finally {
      body.passphrase = null;
      this.busy = false;
    }
  }

  refusal(err) {
    if (err.type === 'key-unlock-failed') {
      return { field: 'identity-passphrase', key: 'pi.passphraseWrong' };
    }
    if (err.type === 'not-found' || err.type === 'identity-part-absent') {
      return { field: 'identity-submission', key: 'pi.identity.' + (err.type === 'not-found' ? 'notFound' : 'absent') };
    }
    return problemEntry(err, null, hasText);
  }

  clear() {
    this.part = null;
    clearInputs(this);
  }

  renderPart() {
    if (!this.part) {
      return nothing;
    }
    const respondents = (this.part.identity && this.part.identity.respondents) || [];
    return html`<section class="panel identity-part" aria-labelledby="identity-part-title">
        <h2 id="identity-part-title">${t('pi.identity.partTitle')}</h2>
        <p class="hint">${t('pi.identity.partHint')}</p>
        ${respondents.map((r) => html`<table>
            <caption>${t('pi.identity.respondent')} <span lang="">${r.code}</span></caption>
            <tbody>${Object.entries(r.answers || {}).map(([k, v]) => html`<tr>
              <th scope="row">${k}</th><td lang="">${typeof v === 'string' ? v : JSON.stringify(v)}</td></tr>`)}
            </tbody></table>`)}
        <button type="button" @click=${this.clear}>${t('pi.identity.clear')}</button>
      </section>`;
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('pi.identity.title')}</h1>
      <p class="hint">${t('pi.identity.hint')}</p>
      <form class="question" @submit=${this.read} novalidate autocomplete="off">
        ${studySelect('identity-study', this.studies, this.study, (s) => { this.study = s; this.clear(); })}
        <div class="field">
          <label for="identity-submission">${t('pi.identity.submission')}</label>
          ${fieldError(this.errors, 'identity-submission')}
          <input id="identity-submission" type="text" autocomplete="off" spellcheck="false">
        </div>
        <div class="field">
          <label for="identity-reason">${t('pi.identity.reason')}</label>
          ${fieldError(this.errors, 'identity-reason')}
          <select id="identity-reason">
            <option value="">${t('pi.choose')}</option>
            ${this.reasons.map((r) => html`<option value=${r}>${t('pi.reason.' + r)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="identity-passphrase">${t('pi.identity.passphrase')}</label>
          ${fieldError(this.errors, 'identity-passphrase')}
          <input id="identity-passphrase" type="password" autocomplete="off">
        </div>
        <button type="submit" ?disabled=${this.busy}>${t('pi.identity.submit')}</button>
      </form>
      ${this.renderPart()}`;
  }
}
customElements.define('fs-pi-identity', PiIdentity);
