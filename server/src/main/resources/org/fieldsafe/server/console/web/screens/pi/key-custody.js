import { html, nothing } from 'lit';
import { api, problemEntry } from '../../api.js';
import { t } from '../../i18n.js';
import { hasText } from '../../texts.js';
import { fieldError } from '../../error-summary.js';
import { StudyScreen, studySelect, clearInputs } from './study-choice.js';

const PURPOSES = ['research', 'safeguarding', 'identity'];

// Key custody for any key holder (the roles study.yaml's key_holders names; the API refuses everyone else): who
// holds which copy, setting or changing one's own passphrase (a one-time secret as the current one claims a pending
// copy), adding another holder of the same key (the new holder's one-time secret is shown once) and removing one.
// Passphrases go only into POST bodies and every field is emptied after each request and when the screen is left.
class KeyCustody extends StudyScreen {
  static properties = { ...StudyScreen.properties, holders: { state: true }, secret: { state: true },
    notice: { state: true } };

  constructor() {
    super();
    this.holders = [];
    this.secret = null;
    this.notice = null;
  }

  disconnectedCallback() {
    this.secret = null;
    super.disconnectedCallback();
  }

  async load() {
    this.holders = await api.get(this.studyPath('keys/holders'));
  }

  value(id) {
    return this.querySelector('#' + id).value;
  }

  /** Runs one custody request; every field is emptied whatever the answer. */
  async run(request, onDone) {
    this.busy = true;
    this.notice = null;
    try {
      onDone(await request());
      await this.load();
    } catch (err) {
      this.errors = [this.refusal(err)];
    } finally {
      clearInputs(this);
      this.busy = false;
    }
  }

  refusal(err) {
    if (err.type === 'key-unlock-failed') {
      return { field: null, key: 'pi.passphraseWrong' };
    }
    if (err.type === 'passphrase-weak') {
      return { field: 'custody-next', key: 'pi.custody.weak' };
    }
    return problemEntry(err, null, hasText);
  }

  changePassphrase(e) {
    e.preventDefault();
    const purpose = this.value('custody-purpose');
    const current = this.value('custody-current');
    const next = this.value('custody-next');
    const errors = [];
    if (!current) {
      errors.push({ field: 'custody-current', key: 'pi.passphraseEmpty' });
    }
    if (!next) {
      errors.push({ field: 'custody-next', key: 'pi.custody.nextEmpty' });
    } else if (next !== this.value('custody-again')) {
      errors.push({ field: 'custody-again', key: 'pi.custody.mismatch' });
    }
    this.errors = errors;
    if (errors.length) {
      clearInputs(this);
      return;
    }
    this.run(() => api.post(this.studyPath(`keys/${purpose}/passphrase`),
      { current, next }), () => { this.notice = 'pi.custody.changed'; });
  }

  grant(e) {
    e.preventDefault();
    const purpose = this.value('grant-purpose');
    const user = this.value('grant-user').trim();
    const passphrase = this.value('grant-passphrase');
    const errors = [];
    if (!user) {
      errors.push({ field: 'grant-user', key: 'pi.custody.userEmpty' });
    }
    if (!passphrase) {
      errors.push({ field: 'grant-passphrase', key: 'pi.passphraseEmpty' });
    }
    this.errors = errors;
    if (errors.length) {
      clearInputs(this);
      return;
    }
    this.run(() => api.post(this.studyPath(`keys/${purpose}/holders`),
      { user, passphrase }), (granted) => { this.secret = granted; });
  }

  revoke(holder) {
    this.errors = [];
    this.run(() => api.del(this.studyPath(`keys/${holder.purpose}/holders/`)
      + encodeURIComponent(holder.user)), () => { this.notice = 'pi.custody.revoked'; });
  }

  purposeSelect(id) {
    return html`<div class="field"><label for=${id}>${t('pi.custody.purpose')}</label>
      <select id=${id}>${PURPOSES.map((p) => html`<option value=${p}>${t('pi.purpose.' + p)}</option>`)}</select>
      </div>`;
  }

  renderSecret() {
    if (!this.secret) {
      return nothing;
    }
    return html`<div class="notice warning one-time-secret" role="alert">
        <h2>${t('pi.custody.secretTitle', { user: this.secret.user })}</h2>
        <p>${t('pi.custody.secretWarning')}</p>
        <p><code class="secret">${this.secret.oneTimeSecret}</code></p>
        <button type="button" @click=${() => { this.secret = null; }}>${t('pi.custody.secretDone')}</button>
      </div>`;
  }

  render() {
    const me = this.session ? this.session.username : null;
    // the keys whose other holders this person may remove: those they hold an active copy of (as the API says)
    const held = this.holders.filter((h) => h.user === me && h.state === 'active').map((h) => h.purpose);
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('pi.custody.title')}</h1>
      ${this.notice ? html`<p class="notice" role="status">${t(this.notice)}</p>` : nothing}
      ${this.renderSecret()}
      ${studySelect('custody-study', this.studies, this.study, (s) => { this.study = s; this.load(); })}
      <table class="holders">
        <caption>${t('pi.custody.holdersTitle')}</caption>
        <thead><tr><th scope="col">${t('pi.custody.purpose')}</th><th scope="col">${t('pi.custody.user')}</th>
          <th scope="col">${t('pi.custody.state')}</th><th scope="col">${t('pi.custody.grantedBy')}</th>
          <th scope="col"><span class="visually-hidden">${t('pi.custody.actions')}</span></th></tr></thead>
        <tbody>${this.holders.map((h) => html`<tr>
          <td>${t('pi.purpose.' + h.purpose)}</td><td>${h.user}</td><td>${t('pi.custody.state.' + h.state)}</td>
          <td>${h.grantedBy || ''}</td>
          <td>${h.user !== me && held.includes(h.purpose) ? html`<button type="button" class="secondary" ?disabled=${this.busy}
            @click=${() => this.revoke(h)}>${t('pi.custody.revoke', { user: h.user })}</button>` : nothing}</td>
        </tr>`)}</tbody>
      </table>
      <form class="question" @submit=${this.changePassphrase} novalidate autocomplete="off">
        <h2>${t('pi.custody.changeTitle')}</h2>
        <p class="hint">${t('pi.custody.changeHint')}</p>
        ${this.purposeSelect('custody-purpose')}
        <div class="field"><label for="custody-current">${t('pi.custody.current')}</label>
          ${fieldError(this.errors, 'custody-current')}
          <input id="custody-current" type="password" autocomplete="off"></div>
        <div class="field"><label for="custody-next">${t('pi.custody.next')}</label>
          ${fieldError(this.errors, 'custody-next')}
          <input id="custody-next" type="password" autocomplete="new-password"></div>
        <div class="field"><label for="custody-again">${t('pi.custody.again')}</label>
          ${fieldError(this.errors, 'custody-again')}
          <input id="custody-again" type="password" autocomplete="new-password"></div>
        <button type="submit" ?disabled=${this.busy}>${t('pi.custody.changeSubmit')}</button>
      </form>
      <form class="question" @submit=${this.grant} novalidate autocomplete="off">
        <h2>${t('pi.custody.grantTitle')}</h2>
        <p class="hint">${t('pi.custody.grantHint')}</p>
        ${this.purposeSelect('grant-purpose')}
        <div class="field"><label for="grant-user">${t('pi.custody.newHolder')}</label>
          ${fieldError(this.errors, 'grant-user')}
          <input id="grant-user" type="text" autocomplete="off" spellcheck="false"></div>
        <div class="field"><label for="grant-passphrase">${t('pi.custody.yourPassphrase')}</label>
          ${fieldError(this.errors, 'grant-passphrase')}
          <input id="grant-passphrase" type="password" autocomplete="off"></div>
        <button type="submit" ?disabled=${this.busy}>${t('pi.custody.grantSubmit')}</button>
      </form>`;
  }
}
customElements.define('fs-key-custody', KeyCustody);
