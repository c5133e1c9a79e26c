import { html, svg, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { t } from '../../i18n.js';
import { api, problemEntry } from '../../api.js';
import { hasText } from '../../texts.js';
import { currentStudy } from '../../studies.js';
import { dateTime } from '../../dates.js';
import '../../error-summary.js';

// Enrolment codes and devices: create a one-time code for an enumerator at a site (shown once, with its QR code drawn
// by the server), list the codes (never the code itself) and revoke them; list devices with when they were last seen
// and revoke them. The code lives only in this element while the page is open.
class EnrolmentScreen extends LightElement {
  static properties = { codes: { state: true }, devices: { state: true }, created: { state: true },
    errors: { state: true }, busy: { state: true } };

  constructor() {
    super();
    this.codes = [];
    this.devices = [];
    this.created = null;
    this.errors = [];
    this.busy = false;
  }

  async connectedCallback() {
    super.connectedCallback();
    this.study = await currentStudy();
    await this.load();
  }

  async load() {
    try {
      this.codes = await api.get('enrolments');
      this.devices = await api.get('devices');
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  async create(e) {
    e.preventDefault();
    const enumerator = this.querySelector('#enumerator').value.trim();
    const site = this.querySelector('#site').value;
    if (!enumerator) {
      this.errors = [{ field: 'enumerator', key: 'coordinator.enrol.enumeratorMissing' }];
      return;
    }
    this.busy = true;
    try {
      this.created = await api.post('enrolments?qr=svg', { study: this.study.id, site, enumerator });
      this.errors = [];
      await this.load();
      await this.updateComplete;
      this.querySelector('#created-code')?.focus();
    } catch (err) {
      this.errors = [problemEntry(err, 'enumerator', hasText)];
    } finally {
      this.busy = false;
    }
  }

  async revoke(kind, id) {
    try {
      await api.post(kind + '/' + encodeURIComponent(id) + '/revoke', {});
      this.errors = [];
      await this.load();
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  createdView() {
    const c = this.created;
    return html`<div id="created-code" class="notice" tabindex="-1" role="status">
      <h2>${t('coordinator.enrol.createdTitle')}</h2>
      <p>${t('coordinator.enrol.createdHint')}</p>
      <p class="code"><span>${t('coordinator.enrol.code')}</span> <strong>${c.code}</strong></p>
      <p><span>${t('coordinator.enrol.server')}</span> <code>${c.server}</code></p>
      <svg class="qr" role="img" aria-label=${t('coordinator.enrol.qr')} width="232" height="232"
        viewBox=${'0 0 ' + c.qr.size + ' ' + c.qr.size} shape-rendering="crispEdges">
        ${svg`<rect width=${c.qr.size} height=${c.qr.size} fill="#fff"></rect><path fill="#000" d=${c.qr.path}></path>`}
      </svg>
      <p class="hint">${t('coordinator.enrol.expires', { at: dateTime(c.expiresAt, this.uiLang) })}</p>
      <button type="button" @click=${() => { this.created = null; }}>${t('coordinator.enrol.done')}</button>
    </div>`;
  }

  render() {
    const sites = this.study ? this.study.sites : [];
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('coordinator.enrol.title')}</h1>
      ${this.created ? this.createdView() : html`<form @submit=${this.create}>
        <h2>${t('coordinator.enrol.newTitle')}</h2>
        <label for="enumerator">${t('coordinator.enrol.enumerator')}</label>
        <input id="enumerator" type="text" autocomplete="off">
        <label for="site">${t('coordinator.enrol.site')}</label>
        <select id="site">${sites.map((s) => html`<option value=${s}>${s}</option>`)}</select>
        <button type="submit" ?disabled=${this.busy}>${t('coordinator.enrol.create')}</button>
      </form>`}
      <table>
        <caption>${t('coordinator.enrol.codesCaption')}</caption>
        <thead><tr><th scope="col">${t('coordinator.enrol.enumerator')}</th><th scope="col">${t('coordinator.enrol.site')}</th>
          <th scope="col">${t('coordinator.enrol.state')}</th><th scope="col">${t('coordinator.enrol.expiresAt')}</th>
          <th scope="col">${t('coordinator.enrol.actions')}</th></tr></thead>
        <tbody>${this.codes.map((c) => html`<tr><td>${c.enumerator}</td><td>${c.site}</td><td>${c.state}</td>
          <td>${dateTime(c.expiresAt, this.uiLang)}</td>
          <td>${c.state === 'active' ? html`<button type="button" class="secondary"
            @click=${() => this.revoke('enrolments', c.id)}>${t('coordinator.enrol.revokeCode', { enumerator: c.enumerator })}</button>` : nothing}</td></tr>`)}</tbody>
      </table>
      <table>
        <caption>${t('coordinator.enrol.devicesCaption')}</caption>
        <thead><tr><th scope="col">${t('coordinator.enrol.enumerator')}</th><th scope="col">${t('coordinator.enrol.site')}</th>
          <th scope="col">${t('coordinator.enrol.enrolledAt')}</th><th scope="col">${t('coordinator.enrol.lastSeen')}</th>
          <th scope="col">${t('coordinator.enrol.actions')}</th></tr></thead>
        <tbody>${this.devices.map((d) => html`<tr><td>${d.enumerator}</td><td>${d.site}</td>
          <td>${dateTime(d.enrolledAt, this.uiLang)}</td>
          <td>${d.lastSeenAt ? dateTime(d.lastSeenAt, this.uiLang) : t('coordinator.enrol.never')}</td>
          <td>${d.revokedAt ? t('coordinator.enrol.revoked') : html`<button type="button" class="secondary"
            @click=${() => this.revoke('devices', d.deviceId)}>${t('coordinator.enrol.revokeDevice', { enumerator: d.enumerator })}</button>`}</td></tr>`)}</tbody>
      </table>`;
  }
}
customElements.define('fs-coord-enrolment', EnrolmentScreen);
