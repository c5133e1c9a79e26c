import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { api } from '../../api.js';
import { t } from '../../i18n.js';
import { rolesFor, choicesFor, roleSelect, siteBoxes, checkedSites, oneTimePassword, languagesField, typedLanguages }
  from './user-forms.js';
import { refusal } from './users-list.js';

// One person (reached from the users list by user name): change role and sites, e-mail, reset the password (the new
// one-time password shown once), disable or enable. The API decides who may change whom (AccountScope).
class UserDetail extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, user: { state: true },
    sites: { state: true }, languages: { state: true }, reset: { state: true }, notice: { state: true },
    errors: { state: true }, busy: { state: true } };

  constructor() {
    super();
    this.user = null;
    this.sites = [];
    this.languages = [];
    this.errors = [];
    this.reset = null;
    this.notice = null;
    this.busy = false;
  }

  async connectedCallback() {
    super.connectedCallback();
    await this.run(async () => {
      ({ sites: this.sites, languages: this.languages } = await choicesFor(this.session));
      await this.load();
    });
  }

  disconnectedCallback() {
    this.reset = null;
    super.disconnectedCallback();
  }

  async load() {
    const users = await api.get('users');
    this.user = users.find((u) => u.username === this.params.username) || null;
    if (!this.user) {
      this.errors = [{ field: null, key: 'users.notFound' }];
    }
  }

  async run(request, notice = null) {
    this.busy = true;
    this.errors = [];
    this.notice = null;
    try {
      await request();
      this.notice = notice;
    } catch (err) {
      this.errors = [refusal(err)];
    } finally {
      this.busy = false;
    }
  }

  path(action) {
    return 'users/' + encodeURIComponent(this.user.username) + '/' + action;
  }

  changeRole(e) {
    e.preventDefault();
    const role = this.querySelector('#detail-role').value;
    const sites = checkedSites(this, 'detail-sites');
    const languages = typedLanguages(this, 'detail-languages');
    this.run(async () => { this.user = await api.put(this.path('role'), { role, sites, languages }); },
      'users.roleChanged');
  }

  changeEmail(e) {
    e.preventDefault();
    const email = this.querySelector('#detail-email').value.trim();
    this.run(async () => { this.user = await api.put(this.path('email'), { email: email || null }); },
      'users.emailChanged');
  }

  resetPassword() {
    this.run(async () => { this.reset = await api.post(this.path('password-reset')); });
  }

  toggle() {
    const action = this.user.disabled ? 'enable' : 'disable';
    this.run(async () => { this.user = await api.post(this.path(action)); },
      this.user.disabled ? 'users.enabledNow' : 'users.disabledNow');
  }

  render() {
    const u = this.user;
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <p><a href="#/users">${t('users.back')}</a></p>
      <h1 tabindex="-1">${t('users.detailTitle')} <span class="user-name">${this.params.username}</span></h1>
      ${this.notice ? html`<p class="notice" role="status">${t(this.notice)}</p>` : nothing}
      ${this.reset ? oneTimePassword(this.reset, () => { this.reset = null; }) : nothing}
      ${u ? html`
        <dl class="summary">
          <div><dt>${t('users.role')}</dt><dd>${t('shell.role.' + u.role)}</dd></div>
          <div><dt>${t('users.sites')}</dt><dd>${u.sites.join(', ')}</dd></div>
          ${u.languages && u.languages.length ? html`<div><dt>${t('users.languagesColumn')}</dt>
            <dd>${u.languages.join(', ')}</dd></div>` : nothing}
          <div><dt>${t('users.state')}</dt><dd>${t(u.disabled ? 'users.disabled' : 'users.enabled')}</dd></div>
        </dl>
        <form class="question" @submit=${this.changeRole} novalidate>
          <h2>${t('users.roleTitle')}</h2>
          ${roleSelect('detail-role', rolesFor(this.session), u.role)}
          ${siteBoxes('detail-sites', this.sites, u.sites)}
          ${languagesField('detail-languages', this.languages, u.languages)}
          <button type="submit" ?disabled=${this.busy}>${t('users.roleSubmit')}</button>
        </form>
        <form class="question" @submit=${this.changeEmail} novalidate autocomplete="off">
          <h2>${t('users.emailTitle')}</h2>
          <div class="field"><label for="detail-email">${t('users.email')}</label>
            <input id="detail-email" type="email" autocomplete="off" .value=${u.email || ''}></div>
          <button type="submit" ?disabled=${this.busy}>${t('users.emailSubmit')}</button>
        </form>
        <h2>${t('users.accessTitle')}</h2>
        <p class="hint">${t('users.resetHint')}</p>
        <button type="button" ?disabled=${this.busy} @click=${this.resetPassword}>${t('users.resetSubmit')}</button>
        <button type="button" class=${u.disabled ? '' : 'danger'} ?disabled=${this.busy} @click=${this.toggle}>
          ${t(u.disabled ? 'users.enableSubmit' : 'users.disableSubmit')}</button>` : nothing}`;
  }
}
customElements.define('fs-user-detail', UserDetail);
