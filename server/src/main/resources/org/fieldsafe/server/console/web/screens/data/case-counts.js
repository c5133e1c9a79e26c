import { html } from 'lit';
import { LightElement } from '../../light-element.js';
import { api } from '../../api.js';
import { t } from '../../i18n.js';
import '../../error-summary.js';
import { currentStudy as study } from '../../studies.js';
import { refusal, category } from '../officer/shared.js';

const STATES = ['new', 'acknowledged', 'referred', 'closed', 'information_given', 'declined'];

// Referral case counts for the data manager: one row per site and category, one column per state. Counts only -
// the API gives a data manager nothing else of a case.
class CaseCounts extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, counts: { state: true },
    errors: { state: true } };

  constructor() {
    super();
    this.counts = null;
    this.errors = [];
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      const s = await study();
      this.counts = s ? await api.get(`studies/${encodeURIComponent(s.id)}/referrals/counts`) : [];
    } catch (err) {
      this.errors = refusal(err);
    }
  }

  render() {
    const rows = new Map();
    for (const c of this.counts || []) {
      const key = c.site + '\u0000' + c.category;
      if (!rows.has(key)) {
        rows.set(key, { site: c.site, category: c.category });
      }
      rows.get(key)[c.state] = c.cases;
    }
    const sorted = [...rows.values()].sort((a, b) => (a.site + a.category).localeCompare(b.site + b.category));
    return html`<h1 tabindex="-1">${t('data.counts.title')}</h1>
      <fs-error-summary .errors=${this.errors}></fs-error-summary>
      ${this.counts === null ? html`<p>${t('shell.loading')}</p>` : sorted.length ? html`<div class="table-box">
        <table class="case-counts"><caption>${t('data.counts.caption')}</caption>
        <thead><tr><th scope="col">${t('data.counts.site')}</th><th scope="col">${t('data.counts.category')}</th>
          ${STATES.map((s) => html`<th scope="col">${t('data.caseState.' + s)}</th>`)}</tr></thead>
        <tbody>${sorted.map((r) => html`<tr><th scope="row">${r.site}</th><td data-category=${r.category}>${category('data', r.category)}</td>
          ${STATES.map((s) => html`<td data-state=${s}>${r[s] || 0}</td>`)}</tr>`)}</tbody></table></div>`
      : html`<p>${t('data.counts.none')}</p>`}`;
  }
}
customElements.define('fs-data-case-counts', CaseCounts);
