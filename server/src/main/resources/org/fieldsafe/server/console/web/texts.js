import { setTexts, addTexts } from './i18n.js';

// Loads the console's words for a language, area by area (/texts/<lang>/<area>.json: English where the language
// lacks a text, each text with the language it is really in), into the shared i18n module.
const loaded = new Map();

async function fetchArea(lang, area) {
  const response = await fetch(`/texts/${lang}/${area}.json`, { cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) {
    return { lang, state: 'missing', texts: {}, languages: {} };
  }
  return response.json();
}

/** Loads (again) every area in `areas` for `lang`; resolves to the shell's {state, languages}. */
export async function loadTexts(lang, areas) {
  const all = await Promise.all(areas.map((a) => fetchArea(lang, a)));
  setTexts({ lang, texts: {} });
  all.forEach((a) => addTexts(a.texts));
  loaded.clear();
  areas.forEach((a, i) => loaded.set(a, all[i]));
  return { state: all[0].state, languages: all[0].languages };
}

/** Whether a key has a text in the loaded areas. */
export function hasText(key) {
  for (const area of loaded.values()) {
    if (area.texts[key]) {
      return true;
    }
  }
  return false;
}
