import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { t } from '../../i18n.js';
import { api, problemEntry } from '../../api.js';
import { hasText } from '../../texts.js';
import '../../error-summary.js';

// Chain verification (admin): the server walks the audit log's hash chain (and the sealed head, when keyed) and
// answers intact, or the first entry that breaks it - linked to that entry in the log.
class AuditChainScreen extends LightElement {
  static properties = { result: { state: true }, busy: { state: true }, errors: { state: true } };

  constructor() {
    super();
    this.result = null;
    this.busy = false;
    this.errors = [];
  }

  async verify() {
    this.busy = true;
    this.result = null;
    try {
      this.result = await api.get('audit/verify');
      this.errors = [];
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.querySelector('#chain-result')?.focus();
  }

  render() {
    const r = this.result;
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('admin.chain.title')}</h1>
      <p class="hint">${t('admin.chain.hint')}</p>
      <button type="button" ?disabled=${this.busy} @click=${this.verify}>${t('admin.chain.verify')}</button>
      ${this.busy ? html`<p role="status">${t('admin.chain.checking')}</p>` : nothing}
      ${r ? html`<div id="chain-result" tabindex="-1" role="status" class="notice">
        ${r.intact ? html`<p class="ok">${t('admin.chain.intact', { entries: r.entries })}</p>`
          : html`<p class="bad">${t('admin.chain.broken', { seq: r.brokenAt })}</p>
            <p><a href=${'#/admin/audit/' + r.brokenAt}>${t('admin.chain.showBroken', { seq: r.brokenAt })}</a></p>`}
        <p class="hint" lang="en">${r.protection}</p>
      </div>` : nothing}`;
  }
}
customElements.define('fs-audit-chain', AuditChainScreen);
