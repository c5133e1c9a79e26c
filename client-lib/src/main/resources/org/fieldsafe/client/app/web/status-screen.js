import { html, nothing } from 'lit';
import { LightElement } from './light-element.js';
import { api } from './api.js';
import { t } from './i18n.js';

// Status: each sealed interview and recording waiting (by id, with tries and the last error), and those sent.
class StatusScreen extends LightElement {
  static properties = { status: { state: true }, errors: { state: true } };

  constructor() {
    super();
    this.status = null;
    this.errors = [];
  }

  async connectedCallback() {
    super.connectedCallback();
    try {
      this.status = await api.status();
    } catch (err) {
      if (err.status === 423) {
        this.dispatchEvent(new CustomEvent('locked', { bubbles: true }));
      }
      this.errors = [{ field: null, key: err.key, detail: err.detail }];
    }
  }

  list(items, line) {
    return items.length ? html`<ul>${items.map((i) => html`<li>${line(i)}</li>`)}</ul>` : html`<p>${t('status.none')}</p>`;
  }

  render() {
    const s = this.status;
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1>${t('status.title')}</h1>
      ${s ? html`
        <p class="device">${t('home.deviceLine', { deviceId: s.device.deviceId, site: s.device.site })}</p>
        <h2>${t('status.waiting')}</h2>
        ${this.list(s.outbox.waiting, (w) => html`<code>${w.submissionId}</code> ${t('status.tries', { n: w.attempts })}
          ${w.lastError ? html`<span lang="en" class="detail">${w.lastError}</span>` : nothing}`)}
        <h2>${t('status.attachments')}</h2>
        ${this.list(s.outbox.attachments, (a) => html`<code>${a.submissionId}/${a.name}</code>
          ${a.bytesSent} / ${t('home.bytes', { n: a.totalBytes })}`)}
        <h2>${t('status.sent')}</h2>
        ${this.list(s.outbox.sent, (x) => html`<code>${x.submissionId}</code> <span lang="en">${x.receivedAt || ''}</span>`)}
      ` : nothing}`;
  }
}
customElements.define('fs-status-screen', StatusScreen);
