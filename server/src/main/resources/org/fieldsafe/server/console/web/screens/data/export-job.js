import { html, nothing } from 'lit';
import { LightElement } from '../../light-element.js';
import { api } from '../../api.js';
import { t, ts, tn } from '../../i18n.js';
import '../../error-summary.js';
import { href } from '../../router.js';
import { when, refusal } from '../officer/shared.js';

const REASONS = { 'fewer than k': 'data.manifest.reason.k', 'fewer than l distinct values': 'data.manifest.reason.l' };

/** The export's filter in words: its sites, forms and dates, or that none was named. */
function filterWords(f) {
  const parts = [];
  if ((f.sites || []).length) {
    parts.push(ts('data.why.filterSites', { sites: f.sites.join(', ') }));
  }
  if ((f.formIds || []).length) {
    parts.push(ts('data.why.filterForms', { forms: f.formIds.join(', ') }));
  }
  if (f.from) {
    parts.push(ts('data.why.filterFrom', { date: f.from }));
  }
  if (f.to) {
    parts.push(ts('data.why.filterTo', { date: f.to }));
  }
  return parts.length ? parts.join('; ') : ts('data.why.filterNone');
}

// One export of the data manager: a progress bar while it runs (the page asks the server every second), then the
// manifest in words - what was read, exported, left out and why, the generalisation levels, suppression by group
// size and by category with its reason, the submissions that did not open, the withdrawn - and the files to
// download, each with its SHA-256 from the manifest. The manifest holds counts and codes only.
class ExportJob extends LightElement {
  static properties = { session: { type: Object }, params: { type: Object }, job: { state: true },
    errors: { state: true }, missing: { state: true } };

  constructor() {
    super();
    this.job = null;
    this.errors = [];
    this.missing = false;
    this.timer = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.poll();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = null;
  }

  async poll() {
    try {
      this.job = await api.get('exports/' + encodeURIComponent(this.params.id));
      if ((this.job.state === 'queued' || this.job.state === 'running') && this.isConnected) {
        this.timer = setTimeout(() => this.poll(), 1000);
      }
    } catch (err) {
      if (err.status === 404) {
        this.missing = true;
      } else {
        this.errors = refusal(err);
      }
    }
  }

  progress(j) {
    const p = j.progress || { phase: j.state, done: 0, total: 0 };
    return html`<div class="field"><label for="export-progress">${t('data.job.progress', { phase: p.phase, done: p.done, total: p.total })}</label>
      <progress id="export-progress" max=${p.total || 1} value=${p.total ? p.done : 0}></progress></div>`;
  }

  manifest(m) {
    const c = m.counts;
    const g = m.generalisation;
    const ex = m.excluded;
    const suppression = Object.entries(m.suppression || {});
    const byCategory = g ? Object.entries(g.suppressedByCategory || {}) : [];
    return html`<section class="manifest" aria-labelledby="manifest-title">
      <h2 id="manifest-title">${t('data.manifest.title')}</h2>
      <ul class="manifest-counts">
        <li>${t('data.manifest.read', { n: c.read })}</li>
        <li>${t('data.manifest.exported', { interviews: c.interviewsExported, respondents: c.respondentsExported })}</li>
        <li>${t('data.manifest.filteredOut', { n: c.filteredOut })}</li>
        <li>${t('data.manifest.withdrawn', { n: c.withdrawn })}</li>
        <li>${t('data.manifest.unopenable', { n: c.unopenable })}</li>
        <li>${t('data.manifest.suppressed', { n: c.respondentsSuppressed, groups: ex ? ex.suppressedGroups : 0 })}</li>
        <li>${t('data.manifest.k', { required: m.kRequired, achieved: m.kAchieved })}</li>
        <li>${t('data.manifest.codes', { how: m.settings ? m.settings.respondentCodes : '' })}</li>
        ${m.qdpx ? this.recordings(m.qdpx) : nothing}
      </ul>
      ${g ? html`<h3>${t('data.manifest.levels')}</h3>
        <div class="table-box"><table class="levels"><thead><tr><th scope="col">${t('data.manifest.quasi')}</th>
          <th scope="col">${t('data.manifest.level')}</th></tr></thead>
          <tbody>${Object.entries(g.levels || {}).map(([q, l]) => html`<tr><th scope="row">${q}</th><td>${l}</td></tr>`)}</tbody></table></div>
        <p>${t(g.limitMet ? 'data.manifest.limitMet' : 'data.manifest.limitNotMet', { percent: g.maxSuppressedPercent, loss: Math.round(g.informationLoss * 100) })}</p>` : nothing}
      <h3>${t('data.manifest.suppressionTitle')}</h3>
      ${suppression.length ? html`<ul class="suppression">${suppression.map(([size, n]) => html`<li>${t('data.manifest.bySize', { n, size })}</li>`)}</ul>`
        : html`<p>${t('data.manifest.noSuppression')}</p>`}
      ${byCategory.length ? html`<ul class="suppression-by-category">${byCategory.flatMap(([cat, why]) => Object.entries(why).map(([reason, n]) => html`
        <li>${t('data.manifest.byCategory', { n, category: cat })} - ${REASONS[reason] ? t(REASONS[reason]) : reason}</li>`))}</ul>` : nothing}
      <h3>${t('data.manifest.unopenableTitle')}</h3>
      ${(m.unopenable || []).length ? html`<ul class="unopenable">${m.unopenable.map((u) => html`<li>${u.submissionId}: ${u.reason}</li>`)}</ul>`
        : html`<p>${t('data.manifest.noneUnopenable')}</p>`}
      ${this.why(m).length ? html`<h3>${t('data.manifest.serverWords')}</h3>
        <ul class="manifest-why">${this.why(m).map((r) => html`<li>${r}</li>`)}</ul>` : nothing}
    </section>`;
  }

  /** The QDPX file's recordings (qdpx.recordings: only with a principal investigator's audio grant), in words. */
  recordings(q) {
    const r = q.recordings;
    if (!r) {
      return html`<li class="recordings">${t('data.manifest.noRecordings')}</li>`;
    }
    return html`<li class="recordings">${tn('data.manifest.recordings', r.count,
      { size: (r.bytes / 1e6).toFixed(1), by: r.grantedBy })}${r.unopenable > 0
      ? html` ${tn('data.manifest.recordingsUnopenable', r.unopenable)}` : nothing}</li>`;
  }

  // The manifest's own sentences (excluded.reasons, generalisation.summary: English in manifest.json) said again in
  // the reader's language from the manifest's numbers, in the same order and with the same facts.
  why(m) {
    const c = m.counts;
    const ex = m.excluded || {};
    const g = m.generalisation;
    const f = m.filter || {};
    const out = [];
    if (ex.outsideFilter > 0) {
      out.push(t('data.why.filter', { n: ex.outsideFilter, filter: filterWords(f) }));
    }
    if (c.withdrawn > 0) {
      out.push(t('data.why.withdrawn', { n: c.withdrawn }));
    }
    if (c.unopenable > 0) {
      out.push(t('data.why.unopenable', { n: c.unopenable }));
    }
    if (c.respondentsSuppressed > 0) {
      out.push(t('data.why.suppressed', { n: c.respondentsSuppressed, groups: ex.suppressedGroups,
        k: g ? g.kApplied : m.kRequired, quasi: ((m.settings || {}).quasiIdentifiers || []).join(', ') }));
    }
    if (c.interviewsExported === 0 && out.length === 0) {
      const filtered = (f.sites || []).length || (f.formIds || []).length || f.from || f.to;
      out.push(filtered ? t('data.why.nothingMatched', { filter: filterWords(f) }) : t('data.why.nothingYet'));
    }
    if (!g) {
      return out;
    }
    out.push(t('data.why.levels', { levels: Object.entries(g.levels || {}).map(([q, l]) => `${q} ${l}`).join(', '),
      loss: Number(g.informationLoss).toFixed(3), checked: g.nodesChecked, nodes: g.latticeNodes }));
    out.push(t(g.kApplied > g.kStudy ? 'data.why.kStricter' : 'data.why.kStudy',
      { k: g.kApplied, kStudy: g.kStudy, max: g.maxSuppressedPercent }));
    if (g.lAttribute) {
      out.push(t('data.why.l', { l: g.l, attribute: g.lAttribute }));
    }
    const suppressed = c.respondentsSuppressed;
    const total = c.respondentsExported + suppressed;
    const percent = total ? (100 * suppressed / total).toFixed(1) : '0.0';
    if (total === 0) {
      out.push(t('data.why.noneToGeneralise'));
    } else {
      out.push(t(g.limitMet ? 'data.why.withinLimit' : 'data.why.overLimit',
        { suppressed, total, percent, max: g.maxSuppressedPercent }));
    }
    for (const [cat, why] of Object.entries(g.suppressedByCategory || {})) {
      const category = cat === 'all categories' ? ts('data.why.allCategories') : ts('data.why.category', { category: cat });
      for (const [reason, n] of Object.entries(why)) {
        out.push(reason === 'fewer than k'
          ? t('data.why.byCategoryK', { n, category, k: g.kApplied })
          : t('data.why.byCategoryL', { n, category, l: g.l, attribute: g.lAttribute || '' }));
      }
    }
    return out;
  }

  files(j) {
    const listed = j.manifest ? j.manifest.files || {} : {};
    return html`<h2>${t('data.job.files')}</h2>
      <div class="table-box"><table class="export-files"><thead><tr><th scope="col">${t('data.job.file')}</th>
        <th scope="col">${t('data.job.size')}</th><th scope="col">SHA-256</th></tr></thead>
      <tbody>${j.files.map((name) => html`<tr data-file=${name}>
        <td><a href=${'/api/v1/exports/' + encodeURIComponent(j.id) + '/files/' + encodeURIComponent(name)} download=${name}>${name}</a></td>
        <td>${listed[name] ? listed[name].bytes : ''}</td>
        <td><code class="sha256">${listed[name] ? listed[name].sha256 : ts('data.job.theManifest')}</code></td></tr>`)}</tbody></table></div>`;
  }

  render() {
    if (this.missing) {
      return html`<h1 tabindex="-1">${t('data.job.notFound')}</h1><p><a href=${href('data/exports')}>${t('data.job.back')}</a></p>`;
    }
    const j = this.job;
    return html`<h1 tabindex="-1">${t('data.job.title')}</h1>
      <fs-error-summary .errors=${this.errors}></fs-error-summary>
      ${!j ? html`<p>${t('shell.loading')}</p>` : html`
        <p class="export-state" role="status">${t('data.job.state', { state: ts('data.state.' + j.state) })}</p>
        ${j.state === 'queued' || j.state === 'running' ? this.progress(j) : nothing}
        ${j.state === 'failed' ? html`<p class="bad">${t('data.job.failed')}</p>` : nothing}
        ${j.state === 'review' ? html`<p>${t('data.job.review')}</p>
          <p><a href=${href('data/exports/' + encodeURIComponent(j.id) + '/review')}>${t('data.job.reviewLink')}</a></p>` : nothing}
        ${j.state === 'done' ? html`${this.manifest(j.manifest)}${this.files(j)}
          <p>${t('data.job.expires', { at: when(j.expiresAt, this.uiLang) })}</p>` : nothing}`}
      <p><a href=${href('data/exports')}>${t('data.job.back')}</a></p>`;
  }
}
customElements.define('fs-data-export', ExportJob);
