import { html, svg, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { t } from '../../i18n.js';
import { api, problemEntry } from '../../api.js';
import { hasText } from '../../texts.js';
import { currentStudy } from '../../studies.js';
import '../../error-summary.js';

// Progress dashboard: received vs target per site x category (the study's Table 3) as a table and a bar chart drawn
// as SVG by the page, and interviews received per site over time (day or week). Counts only, from the API.
class ProgressScreen extends LightElement {
  static properties = { progress: { state: true }, timeline: { state: true }, bucket: { state: true },
    openRosa: { state: true }, errors: { state: true } };

  constructor() {
    super();
    this.progress = null;
    this.timeline = null;
    this.openRosa = null;
    this.bucket = 'week';
    this.errors = [];
  }

  async connectedCallback() {
    super.connectedCallback();
    await this.load();
  }

  async load() {
    try {
      const study = await currentStudy();
      this.progress = await api.get('studies/' + encodeURIComponent(study.id) + '/progress');
      this.openRosa = await api.get('studies/' + encodeURIComponent(study.id) + '/openrosa/progress');
      this.timeline = await api.get('studies/' + encodeURIComponent(study.id) + '/progress/timeline?bucket='
        + this.bucket);
      this.errors = [];
    } catch (err) {
      this.errors = [problemEntry(err, null, hasText)];
    }
  }

  changeBucket(e) {
    this.bucket = e.target.value;
    this.load();
  }

  categories() {
    return [...new Set(this.progress.rows.map((r) => r.category))];
  }

  sites() {
    return [...new Set(this.progress.rows.map((r) => r.site))];
  }

  cell(site, category) {
    return this.progress.rows.find((r) => r.site === site && r.category === category);
  }

  // Received against target over some rows: a target shared by several sites (targetGroup) counts once.
  sum(rows) {
    const counted = new Set();
    let received = 0;
    let target = 0;
    for (const r of rows) {
      received += r.received;
      const key = r.category + '|' + (r.targetGroup.length ? [...r.targetGroup].sort().join(',') : r.site);
      if (!counted.has(key)) {
        counted.add(key);
        target += r.target;
      }
    }
    return t('coordinator.progress.of', { received, target });
  }

  table() {
    const cats = this.categories();
    return html`<table>
      <caption>${t('coordinator.progress.caption')}</caption>
      <thead><tr><th scope="col">${t('coordinator.progress.site')}</th>
        ${cats.map((c) => html`<th scope="col">${c}</th>`)}<th scope="col">${t('coordinator.progress.total')}</th></tr></thead>
      <tbody>${this.sites().map((s) => html`<tr><th scope="row">${s}</th>
        ${cats.map((c) => {
          const r = this.cell(s, c);
          return html`<td>${r ? t('coordinator.progress.of', { received: r.received, target: r.target }) : ''}${
            r && r.targetGroup.length ? html` <span class="hint">${t('coordinator.progress.shared',
              { sites: r.targetGroup.join(', ') })}</span>` : nothing}</td>`;
        })}<td>${this.sum(this.progress.rows.filter((r) => r.site === s))}</td></tr>`)}</tbody>
      <tfoot><tr><th scope="row">${t('coordinator.progress.total')}</th>
        ${cats.map((c) => html`<td>${this.sum(this.progress.rows.filter((r) => r.category === c))}</td>`)}
        <td>${t('coordinator.progress.of', { received: this.progress.received, target: this.progress.target })}</td>
      </tr></tfoot>
    </table>`;
  }

  // Interviews of an earlier wave, imported from an ODK Central or KoboToolbox export: in the table, but marked.
  imported() {
    return this.progress.imported ? html`<p id="progress-imported">${t('coordinator.progress.imported',
      { count: this.progress.imported })}</p>` : nothing;
  }

  // ODK Collect (OpenRosa) submissions: not in the table (their category and respondent are inside ODK's encryption
  // until an export opens them); per site, and what they lack against an interview from the field app.
  odk() {
    const o = this.openRosa;
    return html`<section id="progress-odk" aria-labelledby="progress-odk-title">
      <h2 id="progress-odk-title">${t('coordinator.progress.odkTitle')}</h2>
      <p>${t('coordinator.progress.odk', { received: o.received, incomplete: o.incomplete })}</p>
      <table>
        <caption>${t('coordinator.progress.odkCaption')}</caption>
        <thead><tr><th scope="col">${t('coordinator.progress.site')}</th>
          <th scope="col">${t('coordinator.progress.odkReceived')}</th></tr></thead>
        <tbody>${Object.entries(o.bySite).map(([site, n]) => html`<tr><th scope="row">${site}</th><td>${n}</td></tr>`)}
        </tbody>
      </table>
      <p>${t('coordinator.progress.odkLacks')}</p>
      <ul>${o.lacks.map((l) => html`<li>${hasText('coordinator.progress.lack.' + l)
        ? t('coordinator.progress.lack.' + l) : l}</li>`)}</ul>
    </section>`;
  }

  // One row of bars per site x category: the target as an outline, received filled.
  chart() {
    const rows = this.progress.rows;
    const max = Math.max(1, ...rows.map((r) => Math.max(r.target, r.received)));
    const h = 22;
    const width = 600;
    const label = 140;
    return html`<figure>
      <svg class="chart" role="img" aria-labelledby="progress-chart-title" viewBox=${'0 0 ' + width + ' ' + (rows.length * h + 10)}
        width="100%">
        <title id="progress-chart-title">${t('coordinator.progress.chartTitle')}</title>
        ${rows.map((r, i) => svg`
          <text x="0" y=${i * h + 15} font-size="12">${r.site + ' ' + r.category}</text>
          <rect x=${label} y=${i * h + 4} height="14" width=${(width - label - 60) * r.target / max}
            fill="none" stroke="#505a5f"></rect>
          <rect x=${label} y=${i * h + 4} height="14" width=${(width - label - 60) * r.received / max}
            fill="#1d70b8"></rect>
          <text x=${width - 55} y=${i * h + 15} font-size="12">${r.received + '/' + r.target}</text>`)}
      </svg>
      <figcaption class="hint">${t('coordinator.progress.chartCaption')}</figcaption>
    </figure>`;
  }

  timelineView() {
    const tl = this.timeline;
    if (!tl.buckets.length) {
      return html`<p>${t('coordinator.progress.noInterviews')}</p>`;
    }
    const width = 600;
    const height = 160;
    const max = Math.max(1, ...tl.buckets.flatMap((b) => Object.values(b.received)));
    const step = tl.buckets.length > 1 ? (width - 40) / (tl.buckets.length - 1) : 0;
    const colours = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#f47738', '#5694ca', '#912b88'];
    return html`<figure>
      <svg class="chart" role="img" aria-labelledby="timeline-chart-title" viewBox=${'0 0 ' + width + ' ' + (height + 20)}
        width="100%">
        <title id="timeline-chart-title">${t('coordinator.progress.timelineTitle')}</title>
        ${tl.sites.map((s, i) => svg`<polyline fill="none" stroke=${colours[i % colours.length]} stroke-width="2"
          points=${tl.buckets.map((b, j) => (20 + j * step) + ',' + (height - (height - 10) * b.received[s] / max))
            .join(' ')}></polyline>`)}
      </svg>
    </figure>
    <table>
      <caption>${t('coordinator.progress.timelineCaption')}</caption>
      <thead><tr><th scope="col">${t('coordinator.progress.from')}</th>
        ${tl.sites.map((s, i) => html`<th scope="col"><span class=${'swatch swatch-' + (i % 7)}></span>${s}</th>`)}</tr></thead>
      <tbody>${tl.buckets.map((b) => html`<tr><th scope="row">${b.start}</th>
        ${tl.sites.map((s) => html`<td>${b.received[s]}</td>`)}</tr>`)}</tbody>
    </table>`;
  }

  render() {
    return html`<fs-error-summary .errors=${this.errors}></fs-error-summary>
      <h1 tabindex="-1">${t('coordinator.progress.title')}</h1>
      ${this.progress ? html`${this.table()}${this.imported()}${this.chart()}` : nothing}
      ${this.openRosa && this.openRosa.received ? this.odk() : nothing}
      <h2>${t('coordinator.progress.timelineTitle')}</h2>
      <label for="bucket">${t('coordinator.progress.bucket')}</label>
      <select id="bucket" @change=${this.changeBucket}>
        <option value="week" ?selected=${this.bucket === 'week'}>${t('coordinator.progress.week')}</option>
        <option value="day" ?selected=${this.bucket === 'day'}>${t('coordinator.progress.day')}</option>
      </select>
      ${this.timeline ? this.timelineView() : nothing}`;
  }
}
customElements.define('fs-coord-progress', ProgressScreen);
