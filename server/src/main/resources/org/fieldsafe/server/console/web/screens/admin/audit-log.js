import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { t, ts } from '../../i18n.js';
import { api, problemEntry } from '../../api.js';
import { hasText } from '../../texts.js';
import { dateTime } from '../../dates.js';
import '../../error-summary.js';

// The audit log (admin): newest first, a page at a time, filtered by event (or its family: "login" is every
// login.*) and by time. An entry named by the chain check (#/admin/audit/:seq) is shown with the entries before it
// and marked. The filters live in the page, not in the address.
class AuditLogScreen extends LightElement {
  static properties = { params: { type: Object }, page: { state: true }, errors: { state: true },
    pages: { state: true } };

  constructor() {
    super();
    this.page = null;
    this.errors = [];
    this.pages = [];
    this.filters = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.load(this.focusSeq() ? this.focusSeq() + 1 : null);
  }

  focusSeq() {
    const seq = Number(this.params?.seq);
    return Number.isInteger(seq) && seq > 0 ? seq : null;
  }

  query(before) {
    const q = new URLSearchParams({ limit: '50' });
    Object.entries(this.filters).forEach(([k, v]) => { if (v) q.set(k, v); });
    if (before) {
      q.set('before', String(before));
    }
    return 'audit?' + q.toString();
  }

  async load(before) {
    try {
      this.page = await api.get(this.query(before));
      this.errors = [];
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  // The datetime-local fields are in the browser's time zone; the API takes instants.
  static instant(value) {
    return value ? new Date(value).toISOString() : '';
  }

  filter(e) {
    e.preventDefault();
    const f = e.target.elements;
    this.filters = { event: f['audit-event'].value.trim(), from: AuditLogScreen.instant(f['audit-from'].value),
      to: AuditLogScreen.instant(f['audit-to'].value) };
    this.pages = [];
    this.load(null);
  }

  older() {
    this.pages = [...this.pages, this.page];
    this.load(this.page.nextBefore);
  }

  newer() {
    const previous = this.pages[this.pages.length - 1];
    this.pages = this.pages.slice(0, -1);
    this.page = previous;
  }

  render() {
    const focus = this.focusSeq();
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('admin.audit.title')}</h1>
      <p class="hint">${t('admin.audit.hint')}</p>
      ${focus ? html`<p class="notice">${t('admin.audit.showingBroken', { seq: focus })}
        <a href="#/admin/audit">${t('admin.audit.showAll')}</a></p>` : nothing}
      <form class="filters" @submit=${this.filter}>
        <div class="field"><label for="audit-event">${t('admin.audit.event')}</label>
          <input id="audit-event" name="audit-event" autocomplete="off" spellcheck="false" aria-describedby="audit-event-hint">
          <p class="hint" id="audit-event-hint">${t('admin.audit.eventHint')}</p></div>
        <div class="field"><label for="audit-from">${t('admin.audit.from')}</label>
          <input id="audit-from" name="audit-from" type="datetime-local"></div>
        <div class="field"><label for="audit-to">${t('admin.audit.to')}</label>
          <input id="audit-to" name="audit-to" type="datetime-local"></div>
        <button type="submit">${t('admin.audit.apply')}</button>
      </form>
      ${this.page ? this.table(focus) : html`<p>${t('shell.loading')}</p>`}`;
  }

  table(focus) {
    if (!this.page.entries.length) {
      return html`<p>${t('admin.audit.none')}</p>`;
    }
    return html`<div class="table-box"><table>
        <caption class="hint">${t('admin.audit.caption')}</caption>
        <thead><tr><th scope="col">${t('admin.audit.seq')}</th><th scope="col">${t('admin.audit.at')}</th>
          <th scope="col">${t('admin.audit.actor')}</th><th scope="col">${t('admin.audit.event')}</th>
          <th scope="col">${t('admin.audit.subject')}</th></tr></thead>
        <tbody>${this.page.entries.map((e) => html`<tr id=${'audit-' + e.seq} class=${e.seq === focus ? 'broken' : ''}>
          <td>${e.seq}${e.seq === focus ? html` <strong class="bad">${t('admin.audit.brokenMark')}</strong>` : nothing}</td>
          <td><time datetime=${e.at}>${dateTime(e.at, this.uiLang, { seconds: true })}</time></td>
          <td>${e.actor}</td><td>${e.event}</td><td>${e.subject}</td></tr>`)}</tbody>
      </table></div>
      <div class="pager">
        ${this.pages.length ? html`<button type="button" class="secondary" @click=${this.newer}>${t('admin.audit.newer')}</button>` : nothing}
        ${this.page.nextBefore ? html`<button type="button" class="secondary" @click=${this.older}>${t('admin.audit.older')}</button>` : nothing}
      </div>`;
  }
}
customElements.define('fs-audit-log', AuditLogScreen);
