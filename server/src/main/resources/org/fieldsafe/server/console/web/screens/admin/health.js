import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { t } from '../../i18n.js';
import { api, problemEntry } from '../../api.js';
import { hasText } from '../../texts.js';
import '../../error-summary.js';

// The server's health checks (admin), as the admin port's /healthcheck runs them; run again on request.
class HealthScreen extends LightElement {
  static properties = { report: { state: true }, errors: { state: true } };

  constructor() {
    super();
    this.report = null;
    this.errors = [];
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.report = await api.get('health');
      this.errors = [];
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  render() {
    const r = this.report;
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('admin.health.title')}</h1>
      ${r ? html`<p class=${r.healthy ? 'ok' : 'bad'} role="status">${t(r.healthy ? 'admin.health.allHealthy' : 'admin.health.someUnhealthy')}</p>
        <div class="table-box"><table>
          <thead><tr><th scope="col">${t('admin.health.check')}</th><th scope="col">${t('admin.health.state')}</th>
            <th scope="col">${t('admin.health.message')}</th></tr></thead>
          <tbody>${r.checks.map((c) => html`<tr><td>${c.name}</td>
            <td class=${c.healthy ? 'ok' : 'bad'}>${t(c.healthy ? 'admin.health.healthy' : 'admin.health.unhealthy')}</td>
            <td lang="en">${c.message || ''}</td></tr>`)}</tbody>
        </table></div>` : nothing}
      <p><button type="button" class="secondary" @click=${this.load}>${t('admin.health.again')}</button></p>`;
  }
}
customElements.define('fs-health', HealthScreen);
