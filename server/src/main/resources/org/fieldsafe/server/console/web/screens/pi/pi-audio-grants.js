import { html, nothing } from 'lit';
import { api, problemEntry } from '../../api.js';
import { t, ts } from '../../i18n.js';
import { hasText } from '../../texts.js';
import { dateTime } from '../../dates.js';
import { fieldError } from '../../error-summary.js';
import { StudyScreen, studySelect } from './study-choice.js';

const FIELDS = { user: 'audio-user', reason: 'audio-reason', days: 'audio-days' };
const MAX_DAYS = 30;

// Audio grants (principal investigators): the study's grants (who, granted by, reason, expiry, live / expired /
// revoked), a new grant to a named data manager or herself (GET .../exports/audio-grantees) with a reason code
// (GET /reason-codes: audioExports) for 1 to 30 days, and revoking a live one after a confirmation. The same API and
// audit as 'admin grants audio'; a refusal is said in words, linked to its field when the API names one.
class PiAudioGrants extends StudyScreen {
  static properties = { ...StudyScreen.properties, reasons: { state: true }, grantees: { state: true },
    grants: { state: true }, granted: { state: true }, revoking: { state: true }, notice: { state: true } };

  constructor() {
    super();
    this.reasons = [];
    this.grantees = [];
    this.grants = [];
    this.granted = null;
    this.revoking = null;
    this.notice = null;
  }

  async load() {
    if (!this.reasons.length) {
      this.reasons = (await api.get('reason-codes')).audioExports;
    }
    this.grantees = await api.get(this.studyPath('exports/audio-grantees'));
    this.grants = await api.get(this.studyPath('exports/audio-grants'));
  }

  refusal(err) {
    if (err.type === 'audio-grant-invalid') {
      const named = /Field '(\w+)'/.exec(err.detail || '');
      const field = named && FIELDS[named[1]] ? named[1] : null;
      return field ? { field: FIELDS[field], key: 'pi.audio.invalid.' + field, params: { max: MAX_DAYS } }
        : problemEntry(err, null, hasText);
    }
    return problemEntry(err, null, hasText);
  }

  async grant(e) {
    e.preventDefault();
    const user = this.querySelector('#audio-user').value;
    const reason = this.querySelector('#audio-reason').value;
    const daysText = this.querySelector('#audio-days').value.trim();
    const days = Number(daysText);
    const errors = [];
    if (!user) {
      errors.push({ field: 'audio-user', key: 'pi.audio.userEmpty' });
    }
    if (!reason) {
      errors.push({ field: 'audio-reason', key: 'pi.audio.reasonEmpty' });
    }
    if (!/^\d+$/.test(daysText) || days < 1 || days > MAX_DAYS) {
      errors.push({ field: 'audio-days', key: 'pi.audio.invalid.days', params: { max: MAX_DAYS } });
    }
    this.errors = errors;
    this.notice = null;
    if (errors.length) {
      return;
    }
    this.busy = true;
    try {
      this.granted = await api.post(this.studyPath('exports/audio-grants'), { user, reason, days });
      this.revoking = null;
      await this.load();
    } catch (err) {
      this.errors = [this.refusal(err)];
    } finally {
      this.busy = false;
    }
  }

  async askRevoke(grant) {
    this.revoking = grant;
    this.notice = null;
    await this.updateComplete;
    this.querySelector('#audio-revoke-title')?.focus();
  }

  async cancelRevoke() {
    const id = this.revoking ? this.revoking.id : null;
    this.revoking = null;
    await this.updateComplete;
    this.querySelector(`button[data-grant="${id}"]`)?.focus();
  }

  async revoke() {
    const grant = this.revoking;
    this.busy = true;
    this.errors = [];
    try {
      await api.del(this.studyPath('exports/audio-grants/' + encodeURIComponent(grant.id)));
      this.notice = ts('pi.audio.revoked', { user: grant.user });
    } catch (err) {
      this.errors = [this.refusal(err)];
    } finally {
      this.revoking = null;
      this.busy = false;
    }
    await this.load().catch((err) => { this.errors = [this.refusal(err)]; });
    await this.updateComplete;
    this.querySelector('#audio-message')?.focus();
  }

  who(user) {
    return this.session && user === this.session.username ? ts('pi.audio.you', { user }) : user;
  }

  confirmation() {
    const g = this.revoking;
    if (!g) {
      return nothing;
    }
    return html`<section class="panel audio-revoke" aria-labelledby="audio-revoke-title">
        <h2 id="audio-revoke-title" tabindex="-1">${t('pi.audio.revokeQuestion', { user: this.who(g.user) })}</h2>
        <p>${t('pi.audio.revokeHint')}</p>
        <button type="button" class="danger" ?disabled=${this.busy} @click=${this.revoke}>
          ${t('pi.audio.revokeYes')}</button>
        <button type="button" class="secondary" @click=${this.cancelRevoke}>${t('pi.cancel')}</button>
      </section>`;
  }

  table() {
    const when = (i) => dateTime(i, this.uiLang);
    return html`<div class="table-box"><table class="audio-grants">
        <caption>${t('pi.audio.listTitle')}</caption>
        <thead><tr><th scope="col">${t('pi.audio.who')}</th><th scope="col">${t('pi.audio.grantedBy')}</th>
          <th scope="col">${t('pi.audio.reason')}</th><th scope="col">${t('pi.audio.grantedAt')}</th>
          <th scope="col">${t('pi.audio.expiresAt')}</th><th scope="col">${t('pi.audio.state')}</th>
          <th scope="col">${t('pi.audio.actions')}</th></tr></thead>
        <tbody>${this.grants.length ? this.grants.map((g) => html`<tr>
            <td>${this.who(g.user)}</td><td>${this.who(g.grantedBy)}</td>
            <td>${hasText('pi.reason.' + g.reason) ? t('pi.reason.' + g.reason) : g.reason}</td>
            <td>${when(g.grantedAt)}</td><td>${when(g.expiresAt)}</td>
            <td>${t('pi.audio.state.' + g.state)}${g.state === 'revoked' && g.revokedAt
              ? html` ${t('pi.audio.revokedWhen', { when: when(g.revokedAt), by: this.who(g.revokedBy) })}`
              : nothing}</td>
            <td>${g.state === 'live' ? html`<button type="button" class="secondary" data-grant=${g.id}
              ?disabled=${this.busy}
              aria-label=${ts('pi.audio.revokeFor', { user: this.who(g.user), when: when(g.expiresAt) })}
              @click=${() => this.askRevoke(g)}>${t('pi.audio.revoke')}</button>` : nothing}</td></tr>`)
          : html`<tr><td colspan="7">${t('pi.audio.none')}</td></tr>`}</tbody>
      </table></div>`;
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('pi.audio.title')}</h1>
      <p class="hint">${t('pi.audio.hint')}</p>
      ${this.granted ? html`<div class="notice" role="status">
          <p>${t('pi.audio.granted', { user: this.who(this.granted.user),
            when: dateTime(this.granted.expiresAt, this.uiLang) })}</p></div>` : nothing}
      ${this.notice ? html`<p class="notice" id="audio-message" tabindex="-1" role="status">${this.notice}</p>`
        : nothing}
      <form class="question" @submit=${this.grant} novalidate>
        <h2>${t('pi.audio.newTitle')}</h2>
        ${studySelect('audio-study', this.studies, this.study, (s) => {
          this.study = s;
          this.revoking = null;
          this.load();
        })}
        <div class="field">
          <label for="audio-user">${t('pi.audio.user')}</label>
          <p class="hint" id="audio-user-hint">${t('pi.audio.userHint')}</p>
          ${fieldError(this.errors, 'audio-user')}
          <select id="audio-user" aria-describedby="audio-user-hint">
            <option value="">${ts('pi.choose')}</option>
            ${this.grantees.map((u) => html`<option value=${u}>${this.who(u)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="audio-reason">${t('pi.audio.reason')}</label>
          ${fieldError(this.errors, 'audio-reason')}
          <select id="audio-reason">
            <option value="">${ts('pi.choose')}</option>
            ${this.reasons.map((r) => html`<option value=${r}>${ts('pi.reason.' + r)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="audio-days">${t('pi.audio.days')}</label>
          <p class="hint" id="audio-days-hint">${t('pi.audio.daysHint', { max: MAX_DAYS })}</p>
          ${fieldError(this.errors, 'audio-days')}
          <input id="audio-days" type="number" min="1" max=${MAX_DAYS} step="1" value="7" inputmode="numeric"
            aria-describedby="audio-days-hint">
        </div>
        <button type="submit" ?disabled=${this.busy}>${t('pi.audio.submit')}</button>
      </form>
      ${this.confirmation()}
      ${this.table()}`;
  }
}
customElements.define('fs-pi-audio-grants', PiAudioGrants);
