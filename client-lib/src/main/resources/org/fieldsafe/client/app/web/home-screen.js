import { html, nothing } from 'lit';
import { LightElement } from './light-element.js';
import { api } from './api.js';
import { t, ts } from './i18n.js';

// Home: the forms on this laptop with their languages and translation states, paused interviews (as the local app
// lists them: no respondent data), what waits to be sent, when it last synced, and the site's referral directory.
class HomeScreen extends LightElement {
  static properties = { session: { type: Object }, home: { state: true }, errors: { state: true } };

  constructor() {
    super();
    this.home = null;
    this.errors = [];
  }

  willUpdate(changed) {
    const before = changed.get('session');
    if (changed.has('session') && (!before || before.lang !== this.session.lang)) {
      this.load();
    }
  }

  async load() {
    try {
      this.home = await api.home();
    } catch (err) {
      if (err.status === 423) {
        this.dispatchEvent(new CustomEvent('locked', { bubbles: true }));
      }
      this.errors = [{ field: null, key: err.key, detail: err.detail }];
    }
  }

  // The date format of the chosen language when the browser has it, else English; the lang attribute says which.
  dateFormat() {
    const wanted = this.session.textsState === 'missing' ? 'en' : this.session.lang;
    return new Intl.DateTimeFormat(wanted, { dateStyle: 'medium', timeStyle: 'short' });
  }

  dateLang() {
    const resolved = this.dateFormat().resolvedOptions().locale;
    return resolved.split('-')[0];
  }

  fmt(instant) {
    return this.dateFormat().format(new Date(instant));
  }

  when(instant) {
    if (!instant) {
      return t('home.never');
    }
    return html`<time datetime=${instant} lang=${this.dateLang()}>${this.fmt(instant)}</time>`;
  }

  forms(h) {
    if (!h.forms.length) {
      return html`<p>${t('home.noForms')}</p>`;
    }
    return html`<table>
      <thead><tr><th scope="col">${t('home.form')}</th><th scope="col">${t('home.version')}</th>
        <th scope="col">${t('home.languages')}</th></tr></thead>
      <tbody>${h.forms.map((f) => html`<tr>
        <th scope="row"><span lang=${f.titleLang || 'en'}>${f.title || f.formId}</span></th>
        <td>${f.version}</td>
        <td><ul class="languages">${Object.entries(f.languages).map(([code, state]) => html`<li>
          <span lang=${code}>${this.session.languages[code] || code}</span>:
          <span class="state state-${state}">${t('home.state.' + state)}</span></li>`)}</ul></td>
      </tr>`)}</tbody></table>`;
  }

  drafts(h) {
    if (!h.drafts.length) {
      return html`<p>${t('home.noDrafts')}</p>`;
    }
    return html`<ul>${h.drafts.map((d) => html`<li>${t('home.draftLine', {
      form: d.formId, site: d.site, answered: d.answered < 0 ? '-' : d.answered, total: d.total,
      saved: d.savedAt ? this.fmt(d.savedAt) : ts('home.never') })}</li>`)}</ul>`;
  }

  directory(h) {
    const d = h.directory;
    if (d.version === null || d.version === undefined) {
      return html`<p class="warning">${t('home.directoryMissing', { site: d.site })}</p>`;
    }
    return html`<p>${t('home.directoryLine', { site: d.site, version: d.version, entries: d.entries,
      emergencies: d.emergencies })}</p>
      ${d.unconfirmed ? html`<p class="warning">${t('home.directoryUnconfirmed', { n: d.unconfirmed })}</p>` : nothing}`;
  }

  render() {
    const h = this.home;
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1>${t('home.title')}</h1>
      ${h ? html`
        <p class="device">${t('home.deviceLine', { deviceId: h.device.deviceId, site: h.device.site })}</p>
        <div class="grid">
          <section aria-labelledby="forms-title" class="wide"><h2 id="forms-title">${t('home.forms')}</h2>${this.forms(h)}</section>
          <section aria-labelledby="drafts-title"><h2 id="drafts-title">${t('home.drafts')}</h2>${this.drafts(h)}</section>
          <section aria-labelledby="outbox-title"><h2 id="outbox-title">${t('home.outbox')}</h2>
            <dl>
              <dt>${t('home.interviewsWaiting')}</dt><dd>${h.outbox.interviewsWaiting}
                (${t('home.bytes', { n: h.outbox.interviewBytes })})</dd>
              <dt>${t('home.attachmentsWaiting')}</dt><dd>${h.outbox.attachmentsWaiting}
                (${t('home.bytes', { n: h.outbox.attachmentBytes })})</dd>
              <dt>${t('home.sent')}</dt><dd>${h.outbox.sent}</dd>
              <dt>${t('home.lastSync')}</dt><dd>${this.when(h.lastSent)}</dd>
              <dt>${t('home.lastPull')}</dt><dd>${this.when(h.lastPulled)}</dd>
            </dl></section>
          <section aria-labelledby="directory-title"><h2 id="directory-title">${t('home.directory')}</h2>${this.directory(h)}</section>
        </div>` : nothing}`;
  }
}
customElements.define('fs-home-screen', HomeScreen);
