import { api } from '../../api.js';

// The coordinator's study: the first study the API lists (a server holds one study in the reference deployment).
let cached = null;

/** The study the coordinator screens show: {id, title, sites, languages}. */
export async function currentStudy() {
  if (!cached) {
    const studies = await api.get('studies');
    cached = studies[0] || null;
  }
  return cached;
}
