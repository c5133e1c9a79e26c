import { html } from 'lit';

// Shared by the field app and the console. The front end's words as the server (or the local app) sent them for the
// chosen language: each key has a text and the language it is really in (English where the translation lacks it),
// so every element carries the right lang attribute.
let texts = {};
let chosen = 'en';

export function setTexts(session) {
  texts = session.texts || {};
  chosen = session.lang;
}

/** More texts of the chosen language (the console loads one area's texts at a time). */
export function addTexts(more) {
  texts = { ...texts, ...more };
}

/** The chosen language. */
export function chosenLang() {
  return chosen;
}

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (m, name) => (params && params[name] !== undefined && params[name] !== null
    ? String(params[name]) : m));
}

/** The text of a key with its params filled, as a string (for attributes and document.title). */
export function ts(key, params) {
  const t = texts[key];
  return t ? fill(t.text, params) : key;
}

/** The language a key's text is really in. */
export function langOf(key) {
  const t = texts[key];
  return t ? t.lang : 'en';
}

/** The text of a key in a span with its lang; marked when it fell back to English. */
export function t(key, params) {
  const lang = langOf(key);
  return html`<span lang=${lang} class=${lang !== chosen ? 'fallback' : ''}>${ts(key, params)}</span>`;
}

/**
 * A count's text: the catalogue has one key per plural category of a language ({@code key.one}, {@code key.other},
 * as Intl.PluralRules names them); the form for {@code n} in the language the text is really in, with {n} filled.
 * A category a language's catalogue lacks falls back to {@code key.other}.
 */
export function tn(key, n, params) {
  return t(pluralKey(key, n), { ...params, n });
}

/**
 * The key of {@code key}'s form for {@code n} that {@link tn} says, for a caller that passes a key on to be said
 * later (the error summary takes a key and its params).
 */
export function pluralKey(key, n) {
  const form = key + '.' + new Intl.PluralRules(langOf(key + '.other')).select(n);
  return texts[form] ? form : key + '.other';
}
