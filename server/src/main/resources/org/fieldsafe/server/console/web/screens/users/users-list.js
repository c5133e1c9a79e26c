import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { api, problemEntry } from '../../api.js';
import { t } from '../../i18n.js';
import { hasText } from '../../texts.js';
import { fieldError } from '../../error-summary.js';
import { href } from '../../router.js';
import { rolesFor, choicesFor, roleSelect, siteBoxes, checkedSites, oneTimePassword, languagesField, typedLanguages }
  from './user-forms.js';

// Users (admins: everyone; coordinators: the enumerator accounts of their sites, as GET /users answers them): the
// list, and adding a person (role, sites, e-mail) whose one-time password is shown once.
class UsersList extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, users: { state: true },
    sites: { state: true }, languages: { state: true }, created: { state: true }, errors: { state: true },
    busy: { state: true } };

  constructor() {
    super();
    this.users = [];
    this.sites = [];
    this.languages = [];
    this.errors = [];
    this.created = null;
    this.busy = false;
  }

  async connectedCallback() {
    super.connectedCallback();
    try {
      ({ sites: this.sites, languages: this.languages } = await choicesFor(this.session));
      await this.load();
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  disconnectedCallback() {
    this.created = null;
    super.disconnectedCallback();
  }

  firstUpdated() {
    this.querySelector('h1')?.focus();
  }

  async load() {
    this.users = await api.get('users');
  }

  async add(e) {
    e.preventDefault();
    const username = this.querySelector('#user-name').value.trim();
    const email = this.querySelector('#user-email').value.trim();
    const role = this.querySelector('#user-role').value;
    const sites = checkedSites(this, 'user-sites');
    const languages = typedLanguages(this, 'user-languages');
    if (!username) {
      this.errors = [{ field: 'user-name', key: 'users.nameEmpty' }];
      return;
    }
    this.errors = [];
    this.busy = true;
    try {
      this.created = await api.post('users', { username, role, sites, email: email || null, languages });
      this.querySelector('form.add-user').reset();
      await this.load();
    } catch (err) {
      this.errors = [refusal(err)];
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('users.title')}</h1>
      ${this.session && this.session.role !== 'admin' ? html`<p class="hint">${t('users.coordinatorHint')}</p>`
        : nothing}
      ${this.created ? oneTimePassword(this.created, () => { this.created = null; }) : nothing}
      <table class="users">
        <caption>${t('users.listTitle')}</caption>
        <thead><tr><th scope="col">${t('users.name')}</th><th scope="col">${t('users.role')}</th>
          <th scope="col">${t('users.sites')}</th><th scope="col">${t('users.languagesColumn')}</th>
          <th scope="col">${t('users.email')}</th>
          <th scope="col">${t('users.state')}</th></tr></thead>
        <tbody>${this.users.map((u) => html`<tr>
          <td><a href=${href('users/:username', { username: u.username })}>${u.username}</a></td>
          <td>${t('shell.role.' + u.role)}</td><td>${u.sites.join(', ')}</td>
          <td>${(u.languages || []).join(', ')}</td><td>${u.email || ''}</td>
          <td>${t(u.disabled ? 'users.disabled' : 'users.enabled')}</td></tr>`)}</tbody>
      </table>
      <form class="question add-user" @submit=${this.add} novalidate autocomplete="off">
        <h2>${t('users.addTitle')}</h2>
        <div class="field"><label for="user-name">${t('users.name')}</label>
          <p class="hint">${t('users.nameHint')}</p>
          ${fieldError(this.errors, 'user-name')}
          <input id="user-name" type="text" autocomplete="off" spellcheck="false"></div>
        ${roleSelect('user-role', rolesFor(this.session), 'enumerator')}
        ${siteBoxes('user-sites', this.sites, [])}
        ${languagesField('user-languages', this.languages, [])}
        <div class="field"><label for="user-email">${t('users.email')}</label>
          ${fieldError(this.errors, 'user-email')}
          <input id="user-email" type="email" autocomplete="off"></div>
        <button type="submit" ?disabled=${this.busy}>${t('users.addSubmit')}</button>
      </form>`;
  }
}
customElements.define('fs-users-list', UsersList);

/** A refused users call as an error-summary entry, with the server's words for the field-level ones. */
export function refusal(err) {
  if (err.type === 'account-not-manageable') {
    return { field: null, key: 'users.notManageable' };
  }
  if (err.status === 400 || err.status === 422 || err.type === 'user-exists') {
    return { field: null, key: 'users.invalid', detail: err.detail };
  }
  return problemEntry(err, null, hasText);
}
