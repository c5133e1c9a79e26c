import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { t, ts } from '../../i18n.js';
import { api, problemEntry } from '../../api.js';
import { hasText } from '../../texts.js';
import { fieldError } from '../../error-summary.js';
import { currentStudy } from '../../studies.js';
import { href } from '../../router.js';
import '../../error-summary.js';

const KINDS = ['shelter', 'health', 'psychosocial', 'legal_aid', 'livelihood', 'documentation', 'repatriation',
  'hotline', 'emergency', 'police', 'other'];
const GENDERS = ['any', 'women', 'men', 'children'];
const COSTS = ['free', 'paid', 'unknown'];
// the entry's fields in study.yaml's shape -> the ids of this page's controls (an API problem names the former)
const FIELDS = { id: 'svc-id', kind: 'svc-kind', name: 'svc-name', phone: 'svc-phone', hours: 'svc-hours',
  languages: 'svc-languages', gender_served: 'svc-gender', cost: 'svc-cost',
  involves_authorities: 'svc-authorities', emergency: 'svc-emergency', confirmed: 'svc-confirmed' };

// The referral directory editor of a site: the entries to confirm (unconfirmed, or confirmed too long ago) on top,
// then every service with its category, urgency, contact, languages and confirmation; add, edit, confirm and remove
// an entry. Every change sends the whole directory with the version it was made on (PUT .../directory): a 409 means
// someone else changed it first (the page loads it again), a 422 names the fields at fault in the error summary.
// Without a site in the address it lists the study's sites.
class DirectoryScreen extends LightElement {
  static properties = { params: { type: Object }, directory: { state: true }, report: { state: true },
    sites: { state: true }, editing: { state: true }, removing: { state: true }, errors: { state: true },
    message: { state: true }, busy: { state: true }, missing: { state: true } };

  constructor() {
    super();
    this.params = {};
    this.directory = null;
    this.report = null;
    this.sites = [];
    this.editing = null;
    this.removing = null;
    this.errors = [];
    this.message = null;
    this.busy = false;
    this.missing = false;
  }

  async connectedCallback() {
    super.connectedCallback();
    await this.load();
  }

  site() {
    return this.params && this.params.site;
  }

  path(tail = '') {
    return 'studies/' + encodeURIComponent(this.study.id) + '/sites/' + encodeURIComponent(this.site())
      + '/directory' + tail;
  }

  async load() {
    try {
      this.study = await currentStudy();
      if (!this.study) {
        this.errors = [{ field: null, key: 'coordinator.overview.noStudy' }];
        return;
      }
      this.sites = this.study.sites;
      const outline = await api.get('studies/' + encodeURIComponent(this.study.id) + '/outline');
      this.master = outline.masterLanguage;
      if (!this.site()) {
        return;
      }
      if (!this.sites.includes(this.site())) {
        this.missing = true;
        return;
      }
      const [directory, report] = await Promise.all([api.get(this.path()), api.get(this.path('/report'))]);
      this.directory = directory;
      this.report = report;
    } catch (err) {
      if (err.status === 404) {
        this.missing = true;
      } else {
        this.errors = [problemEntry(err, null, hasText)];
      }
    }
  }

  nameOf(s) {
    const lang = s.name[this.master] ? this.master : Object.keys(s.name)[0];
    return { lang, text: s.name[lang] || s.id };
  }

  // Sends the directory with `services`; true when stored. A refusal names the fields of the entry `index`.
  async save(services, index, done) {
    this.busy = true;
    try {
      this.directory = await api.put(this.path(), { version: this.directory.version, services });
      this.report = await api.get(this.path('/report'));
      this.errors = [];
      this.message = done;
      return true;
    } catch (err) {
      this.errors = this.refusal(err, index);
      if (err.status === 409) {
        await this.load();
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  refusal(err, index) {
    if (err.status === 409) {
      return [{ field: null, key: 'coordinator.directory.stale' }];
    }
    const list = err.problem && Array.isArray(err.problem.errors) ? err.problem.errors : null;
    if (!list || !list.length) {
      return [problemEntry(err, null, hasText)];
    }
    return list.map((p) => {
      const m = /services\[(\d+)\]\.?([a-z_]+)?/.exec(p.field || '');
      const field = m && Number(m[1]) === index && m[2] && FIELDS[m[2]] ? FIELDS[m[2]] : null;
      const label = m && m[2] && FIELDS[m[2]] ? ts('coordinator.directory.field.' + m[2]) : (p.field || '-');
      return { field, key: 'coordinator.directory.problem', params: { field: label, message: p.message } };
    });
  }

  services() {
    return this.directory.services.map((s) => ({ ...s }));
  }

  startAdd() {
    this.message = null;
    this.errors = [];
    this.editing = { index: -1, service: { id: '', kind: 'other', name: {}, languages: [], gender_served: 'any',
      cost: 'unknown', involves_authorities: false, emergency: false, confirmed: 'no' } };
    this.focusForm();
  }

  startEdit(index) {
    this.message = null;
    this.errors = [];
    this.editing = { index, service: { ...this.directory.services[index] } };
    this.focusForm();
  }

  async focusForm() {
    await this.updateComplete;
    this.querySelector('#service-form h2')?.focus();
  }

  value(id) {
    return this.querySelector('#' + id).value.trim();
  }

  async submitEntry(e) {
    e.preventDefault();
    const { index, service } = this.editing;
    const entry = { ...service, name: { ...service.name } };
    if (index < 0) {
      entry.id = this.value('svc-id');
    }
    entry.kind = this.value('svc-kind');
    entry.name[this.master] = this.value('svc-name');
    for (const [key, id] of [['phone', 'svc-phone'], ['hours', 'svc-hours']]) {
      const v = this.value(id);
      if (v) {
        entry[key] = v;
      } else {
        delete entry[key];
      }
    }
    entry.languages = this.value('svc-languages').split(/[\s,]+/).filter((x) => x);
    entry.gender_served = this.value('svc-gender');
    entry.cost = this.value('svc-cost');
    entry.involves_authorities = this.querySelector('#svc-authorities').checked;
    entry.emergency = this.querySelector('#svc-emergency').checked;
    entry.confirmed = this.value('svc-confirmed') || 'no';
    const errors = [];
    if (index < 0 && !entry.id) {
      errors.push({ field: 'svc-id', key: 'coordinator.directory.idMissing' });
    }
    if (!entry.name[this.master]) {
      errors.push({ field: 'svc-name', key: 'coordinator.directory.nameMissing' });
    }
    if (errors.length) {
      this.errors = errors;
      return;
    }
    const services = this.services();
    const at = index < 0 ? services.length : index;
    services[at] = entry;
    const name = entry.name[this.master];
    if (await this.save(services, at, ts(index < 0 ? 'coordinator.directory.added' : 'coordinator.directory.saved',
      { name }))) {
      this.editing = null;
      await this.focusMessage();
    }
  }

  async confirmEntry(id) {
    const services = this.services();
    const index = services.findIndex((s) => s.id === id);
    // the server's date (the report's asOf), not the browser's: the report measures age by the server's clock
    services[index] = { ...services[index], confirmed: this.report.asOf };
    if (await this.save(services, index, ts('coordinator.directory.confirmed',
      { name: this.nameOf(services[index]).text, date: this.report.asOf }))) {
      await this.focusMessage();
    }
  }

  // the button pressed is gone once the change is made: the keyboard goes on from the message saying what happened
  async focusMessage() {
    await this.updateComplete;
    this.querySelector('#directory-message')?.focus();
  }

  async askRemove(id) {
    this.removing = id;
    await this.updateComplete;
    this.querySelector('#remove-yes')?.focus();
  }

  async removeEntry(id) {
    const services = this.services();
    const index = services.findIndex((s) => s.id === id);
    const name = this.nameOf(services[index]).text;
    services.splice(index, 1);
    if (await this.save(services, -1, ts('coordinator.directory.removed', { name }))) {
      this.removing = null;
      await this.focusMessage();
    }
  }

  sitesView() {
    return html`<h1 tabindex="-1">${t('coordinator.directory.title')}</h1>
      <p>${t('coordinator.directory.chooseSite')}</p>
      <ul class="site-links">${this.sites.map((s) => html`<li><a href=${href('coordinator/directory/:site',
        { site: s })}>${t('coordinator.directory.siteLink', { site: s })}</a></li>`)}</ul>`;
  }

  confirmation(s) {
    return s.confirmed === 'no' ? html`<strong class="bad">${t('coordinator.directory.notConfirmed')}</strong>`
      : html`${s.confirmed}`;
  }

  reportView() {
    const r = this.report;
    if (!r) {
      return nothing;
    }
    if (!r.entries.length) {
      return html`<p class="notice report-ok">${t('coordinator.directory.reportOk', { days: r.maxAgeDays })}</p>`;
    }
    return html`<div class="table-box"><table class="directory-report">
      <caption>${t('coordinator.directory.reportCaption', { n: r.entries.length, days: r.maxAgeDays, date: r.asOf })}</caption>
      <thead><tr><th scope="col">${t('coordinator.directory.name')}</th><th scope="col">${t('coordinator.directory.kind')}</th>
        <th scope="col">${t('coordinator.directory.reason')}</th><th scope="col">${t('coordinator.directory.actions')}</th></tr></thead>
      <tbody>${r.entries.map((e) => html`<tr data-service=${e.id}><th scope="row">${e.name}${e.emergency
        ? html` <strong>(${t('coordinator.directory.emergency')})</strong>` : nothing}</th>
        <td>${t('coordinator.directory.kind.' + e.kind)}</td>
        <td>${e.reason === 'stale' ? t('coordinator.directory.reason.stale', { date: e.confirmed })
          : t('coordinator.directory.reason.unconfirmed')}</td>
        <td><button type="button" ?disabled=${this.busy} @click=${() => this.confirmEntry(e.id)}
          aria-label=${ts('coordinator.directory.confirm', { name: e.name })}>${
          t('coordinator.directory.confirmShort')}</button></td></tr>`)}</tbody>
    </table></div>`;
  }

  servicesView() {
    const d = this.directory;
    return html`<div class="table-box"><table class="directory-services">
      <caption>${t('coordinator.directory.caption', { site: d.site, version: d.version })}</caption>
      <thead><tr><th scope="col">${t('coordinator.directory.name')}</th><th scope="col">${t('coordinator.directory.kind')}</th>
        <th scope="col">${t('coordinator.directory.urgency')}</th><th scope="col">${t('coordinator.directory.contact')}</th>
        <th scope="col">${t('coordinator.directory.languages')}</th><th scope="col">${t('coordinator.directory.confirmedOn')}</th>
        <th scope="col">${t('coordinator.directory.actions')}</th></tr></thead>
      <tbody>${d.services.map((s, i) => {
        const name = this.nameOf(s);
        return html`<tr data-service=${s.id}><th scope="row"><span lang=${name.lang}>${name.text}</span>
          <br><code class="hint">${s.id}</code></th>
          <td>${t('coordinator.directory.kind.' + s.kind)}${s.involves_authorities ? html`<br><span class="hint">${
            t('coordinator.directory.authorities')}</span>` : nothing}</td>
          <td>${s.emergency ? html`<strong>${t('coordinator.directory.emergency')}</strong>`
            : t('coordinator.directory.notEmergency')}</td>
          <td>${s.phone || ''}${s.hours ? html`<br>${s.hours}` : nothing}</td>
          <td>${(s.languages || []).join(', ')}</td>
          <td>${this.confirmation(s)}</td>
          <td class="actions">${this.removing === s.id ? html`<p>${t('coordinator.directory.removeQuestion',
            { name: name.text })}</p>
            <button type="button" id="remove-yes" class="danger" ?disabled=${this.busy}
              @click=${() => this.removeEntry(s.id)}>${
              t('coordinator.directory.removeYes', { name: name.text })}</button>
            <button type="button" class="secondary" @click=${() => { this.removing = null; }}>${
              t('coordinator.directory.removeNo')}</button>`
          : html`<button type="button" class="secondary" @click=${() => this.startEdit(i)}
              aria-label=${ts('coordinator.directory.edit', { name: name.text })}>${t('coordinator.directory.editShort')}</button>
            ${s.confirmed === 'no' || this.report?.entries.some((e) => e.id === s.id) ? html`<button type="button"
              ?disabled=${this.busy} @click=${() => this.confirmEntry(s.id)}
              aria-label=${ts('coordinator.directory.confirm', { name: name.text })}>${
              t('coordinator.directory.confirmShort')}</button>` : nothing}
            <button type="button" class="secondary" @click=${() => this.askRemove(s.id)}
              aria-label=${ts('coordinator.directory.remove', { name: name.text })}>${
              t('coordinator.directory.removeShort')}</button>`}</td></tr>`;
      })}</tbody>
    </table></div>`;
  }

  select(id, label, values, current, prefix) {
    return html`<div class="field"><label for=${id}>${t(label)}</label>${fieldError(this.errors, id)}
      <select id=${id}>${values.map((v) => html`<option value=${v} ?selected=${v === current}>${
        ts(prefix + v)}</option>`)}</select></div>`;
  }

  text(id, label, value, hint) {
    return html`<div class="field"><label for=${id}>${t(label)}</label>
      ${hint ? html`<p class="hint" id=${id + '-hint'}>${t(hint)}</p>` : nothing}${fieldError(this.errors, id)}
      <input id=${id} type="text" autocomplete="off" .value=${value || ''}
        aria-describedby=${hint ? id + '-hint' : nothing}></div>`;
  }

  formView() {
    const { index, service: s } = this.editing;
    const confirmed = s.confirmed && s.confirmed !== 'no' ? s.confirmed : '';
    return html`<form id="service-form" @submit=${this.submitEntry}>
      <h2 tabindex="-1">${index < 0 ? t('coordinator.directory.addTitle')
        : t('coordinator.directory.editTitle', { name: this.nameOf(s).text })}</h2>
      ${index < 0 ? this.text('svc-id', 'coordinator.directory.field.id', s.id, 'coordinator.directory.idHint') : nothing}
      ${this.text('svc-name', 'coordinator.directory.field.name', s.name[this.master],
        'coordinator.directory.nameHint')}
      ${this.select('svc-kind', 'coordinator.directory.field.kind', KINDS, s.kind, 'coordinator.directory.kind.')}
      ${this.text('svc-phone', 'coordinator.directory.field.phone', s.phone, 'coordinator.directory.phoneHint')}
      ${this.text('svc-hours', 'coordinator.directory.field.hours', s.hours)}
      ${this.text('svc-languages', 'coordinator.directory.field.languages', (s.languages || []).join(', '),
        'coordinator.directory.languagesHint')}
      ${this.select('svc-gender', 'coordinator.directory.field.gender_served', GENDERS, s.gender_served,
        'coordinator.directory.gender.')}
      ${this.select('svc-cost', 'coordinator.directory.field.cost', COSTS, s.cost, 'coordinator.directory.cost.')}
      <div class="field"><div class="checkbox">${fieldError(this.errors, 'svc-emergency')}
        <input id="svc-emergency" type="checkbox" .checked=${!!s.emergency}>
        <label for="svc-emergency">${t('coordinator.directory.field.emergency')}</label></div></div>
      <div class="field"><div class="checkbox">${fieldError(this.errors, 'svc-authorities')}
        <input id="svc-authorities" type="checkbox" .checked=${!!s.involves_authorities}>
        <label for="svc-authorities">${t('coordinator.directory.field.involves_authorities')}</label></div></div>
      <div class="field"><label for="svc-confirmed">${t('coordinator.directory.field.confirmed')}</label>
        <p class="hint" id="svc-confirmed-hint">${t('coordinator.directory.confirmedHint')}</p>
        ${fieldError(this.errors, 'svc-confirmed')}
        <input id="svc-confirmed" type="date" .value=${confirmed} aria-describedby="svc-confirmed-hint"></div>
      <button type="submit" ?disabled=${this.busy}>${t(index < 0 ? 'coordinator.directory.addSave'
        : 'coordinator.directory.editSave')}</button>
      <button type="button" class="secondary" @click=${() => { this.editing = null; this.errors = []; }}>${
        t('coordinator.directory.cancel')}</button>
    </form>`;
  }

  render() {
    if (this.missing) {
      return html`<h1 tabindex="-1">${t('coordinator.directory.notFound')}</h1>
        <p><a href=${href('coordinator/directory')}>${t('coordinator.directory.allSites')}</a></p>`;
    }
    if (!this.site()) {
      return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>${this.sitesView()}`;
    }
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('coordinator.directory.siteTitle', { site: this.site() })}</h1>
      <p><a href=${href('coordinator/directory')}>${t('coordinator.directory.allSites')}</a></p>
      ${this.message ? html`<p id="directory-message" tabindex="-1" role="status" class="notice">${this.message}</p>`
        : nothing}
      ${this.directory ? html`<h2>${t('coordinator.directory.reportTitle')}</h2>
        ${this.reportView()}
        ${this.editing ? this.formView() : html`<p><button type="button" @click=${this.startAdd}>${
          t('coordinator.directory.add')}</button></p>`}
        <h2>${t('coordinator.directory.servicesTitle')}</h2>
        ${this.servicesView()}` : nothing}`;
  }
}
customElements.define('fs-coord-directory', DirectoryScreen);
