import { html, nothing } from 'lit';
import { api, problemEntry } from '../../api.js';
import { t, tn, pluralKey } from '../../i18n.js';
import { hasText } from '../../texts.js';
import { fieldError } from '../../error-summary.js';
import { StudyScreen, studySelect, clearInputs } from './study-choice.js';

// Recording a withdrawal (principal investigators): the respondent code typed twice, what would be shredded shown
// first (POST .../withdrawals/preview), then the confirmation. The code goes only into POST bodies (autocomplete off:
// the browser keeps no history of it); it is never rendered as text, kept in a property, put in the address or in
// storage, and the fields are emptied after the withdrawal and when the screen is left. While the study has OpenRosa
// (ODK Collect) submissions no ODK key holder has opened, the server cannot tell whose they are and refuses (409): the
// preview says how many, and the screen offers the ODK key's passphrase (odkPassphrase, as 'admin withdraw --odk-key')
// to let the server open them for this request; the passphrase field is emptied like the code. The 409 is said in
// the page's words with the count (its plural form by pluralKey, as tn picks it), never with the API's field or the
// CLI's flag.

class PiWithdrawal extends StudyScreen {
  static properties = { ...StudyScreen.properties, preview: { state: true }, result: { state: true },
    unindexed: { state: true } };

  constructor() {
    super();
    this.preview = null;
    this.result = null;
    this.unindexed = 0;
  }

  disconnectedCallback() {
    this.preview = null;
    super.disconnectedCallback();
  }

  /** The typed code when both fields agree, else null with the errors set. */
  code() {
    const first = this.querySelector('#withdraw-code').value.trim();
    const again = this.querySelector('#withdraw-code-again').value.trim();
    const errors = [];
    if (!first) {
      errors.push({ field: 'withdraw-code', key: 'pi.withdraw.codeEmpty' });
    } else if (first !== again) {
      errors.push({ field: 'withdraw-code-again', key: 'pi.withdraw.codeMismatch' });
    }
    this.errors = errors;
    return errors.length ? null : first;
  }

  async showPreview(e) {
    e.preventDefault();
    this.result = null;
    const code = this.code();
    if (!code) {
      return;
    }
    this.busy = true;
    try {
      this.preview = await api.post(this.studyPath('withdrawals/preview'),
        { respondentCode: code });
      this.unindexed = this.preview.openRosaUnindexed || 0;
    } catch (err) {
      this.preview = null;
      this.errors = [this.refusal(err)];
    } finally {
      this.busy = false;
    }
  }

  async confirm() {
    const code = this.code();
    if (!code || !this.preview) {
      return;
    }
    this.busy = true;
    try {
      const notYet = this.preview.received === 0 && this.querySelector('#withdraw-not-yet')?.checked === true;
      const odk = this.querySelector('#withdraw-odk-key')?.value || '';
      this.result = await api.post(this.studyPath('withdrawals'),
        { respondentCode: code, notYetReceived: notYet, odkPassphrase: odk || null });
      this.preview = null;
      this.unindexed = 0;
      clearInputs(this);
    } catch (err) {
      if (err.type === 'withdrawal-openrosa-unindexed') { // arrived since the preview: how many now
        await this.countUnindexed(code);
      }
      this.errors = [this.refusal(err)];
    } finally {
      this.busy = false;
    }
  }

  async countUnindexed(code) {
    try {
      const p = await api.post(this.studyPath('withdrawals/preview'), { respondentCode: code });
      this.unindexed = Math.max(1, p.openRosaUnindexed || 0);
    } catch (err) {
      this.unindexed = Math.max(1, this.unindexed);
    }
  }

  cancel() {
    this.preview = null;
    this.unindexed = 0;
    clearInputs(this);
  }

  refusal(err) {
    if (err.type === 'withdrawal-invalid') {
      return { field: 'withdraw-code', key: 'pi.withdraw.codeInvalid', detail: err.detail };
    }
    if (err.type === 'withdrawal-no-submission') {
      return { field: 'withdraw-not-yet', key: 'pi.withdraw.noSubmission' };
    }
    if (err.type === 'withdrawal-openrosa-unindexed') {
      return { field: 'withdraw-odk-key', key: pluralKey('pi.withdraw.openRosaRefused', this.unindexed),
        params: { n: this.unindexed } };
    }
    if (err.type === 'key-unlock-failed') {
      return { field: 'withdraw-odk-key', key: 'pi.withdraw.odkKeyWrong' };
    }
    return problemEntry(err, null, hasText);
  }

  /** Above the ODK passphrase field: what to do there (the summary says why), or that the passphrase was wrong. */
  odkError() {
    const e = this.errors.find((x) => x.field === 'withdraw-odk-key');
    return e ? html`<p class="error-message" id="withdraw-odk-key-error">${
      t(e.key === 'pi.withdraw.odkKeyWrong' ? e.key : 'pi.withdraw.odkKeyNeeded')}</p>` : nothing;
  }

  renderPreview() {
    const p = this.preview;
    if (!p) {
      return nothing;
    }
    return html`<section class="panel" aria-labelledby="withdraw-preview-title">
        <h2 id="withdraw-preview-title">${t('pi.withdraw.previewTitle')}</h2>
        ${p.alreadyWithdrawn ? html`<p>${t('pi.withdraw.already')}</p>` : nothing}
        <dl class="summary withdraw-preview">
          <div><dt>${t('pi.withdraw.received')}</dt><dd>${p.received}</dd></div>
          <div><dt>${t('pi.withdraw.interviews')}</dt><dd>${p.interviews}</dd></div>
          <div><dt>${t('pi.withdraw.joint')}</dt><dd>${p.jointInterviews}</dd></div>
          <div><dt>${t('pi.withdraw.parts')}</dt><dd>${p.parts}</dd></div>
          <div><dt>${t('pi.withdraw.identityParts')}</dt><dd>${p.identityParts}</dd></div>
          <div><dt>${t('pi.withdraw.attachments')}</dt><dd>${p.attachments}</dd></div>
          <div><dt>${t('pi.withdraw.openCases')}</dt><dd>${p.openCases}</dd></div>
        </dl>
        ${p.jointInterviews > 0 ? html`<p class="warning">${t('pi.withdraw.jointWarning')}</p>` : nothing}
        ${this.unindexed > 0 ? html`<div class="field withdraw-odk">
            <p class="warning">${tn('pi.withdraw.openRosaUnindexed', this.unindexed)}</p>
            <label for="withdraw-odk-key">${t('pi.withdraw.odkKey')}</label>
            <p class="hint" id="withdraw-odk-key-hint">${t('pi.withdraw.odkKeyHint')}</p>
            ${this.odkError()}
            <input id="withdraw-odk-key" type="password" autocomplete="off" aria-describedby="withdraw-odk-key-hint">
          </div>` : nothing}
        ${p.received === 0 ? html`<div class="field checkbox">
            <input id="withdraw-not-yet" type="checkbox">
            <label for="withdraw-not-yet">${t('pi.withdraw.notYetReceived')}</label>
          </div>` : nothing}
        <p class="warning">${t('pi.withdraw.irreversible')}</p>
        <button type="button" class="danger" ?disabled=${this.busy} @click=${this.confirm}>
          ${t('pi.withdraw.confirm')}</button>
        <button type="button" class="secondary" @click=${this.cancel}>${t('pi.cancel')}</button>
      </section>`;
  }

  renderResult() {
    const r = this.result;
    if (!r) {
      return nothing;
    }
    return html`<div class="notice" role="status">
        <h2>${t('pi.withdraw.doneTitle')}</h2>
        <p>${t('pi.withdraw.done', { interviews: r.interviews, joint: r.jointInterviews, parts: r.parts,
          attachments: r.attachments })}</p>
      </div>`;
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('pi.withdraw.title')}</h1>
      ${this.renderResult()}
      <p class="hint">${t('pi.withdraw.hint')}</p>
      <form class="question" @submit=${this.showPreview} novalidate autocomplete="off">
        ${studySelect('withdraw-study', this.studies, this.study, (s) => { this.study = s; this.cancel(); })}
        <div class="field">
          <label for="withdraw-code">${t('pi.withdraw.code')}</label>
          ${fieldError(this.errors, 'withdraw-code')}
          <input id="withdraw-code" type="text" autocomplete="off" spellcheck="false"
            ?readonly=${this.preview !== null}>
        </div>
        <div class="field">
          <label for="withdraw-code-again">${t('pi.withdraw.codeAgain')}</label>
          ${fieldError(this.errors, 'withdraw-code-again')}
          <input id="withdraw-code-again" type="text" autocomplete="off" spellcheck="false"
            ?readonly=${this.preview !== null}>
        </div>
        ${this.preview ? nothing : html`<button type="submit" ?disabled=${this.busy}>
          ${t('pi.withdraw.preview')}</button>`}
      </form>
      ${this.renderPreview()}`;
  }
}
customElements.define('fs-pi-withdrawal', PiWithdrawal);
