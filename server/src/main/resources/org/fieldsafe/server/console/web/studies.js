import { api } from './api.js';

/**
 * The study the console's screens work on: the first the API lists for the person (the console shows one study at a
 * time; a server holds one study in the reference deployment), or null when they may see none.
 */
export async function currentStudy() {
  const studies = await api.get('studies');
  return studies.length ? studies[0] : null;
}
