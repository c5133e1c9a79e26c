import { problemEntry } from '../../api.js';
import { hasText } from '../../texts.js';
import { t } from '../../i18n.js';
import { dateTime } from '../../dates.js';

// Shared by the officer's and the data manager's screens: durations and times in words,
// and a refused call as error-summary entries (a 422 naming a field links to that field's control).

/** Whole hours and minutes of a number of seconds (its absolute value), as {hours, minutes}. */
export function span(seconds) {
  const s = Math.abs(seconds);
  return { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60) };
}

/** An ISO time as the reader's language writes it (dates.js), or '' for none. */
export function when(iso, lang) {
  return dateTime(iso, lang);
}

/**
 * A disclosure category (a word of the form's rules, e.g. current_risk) in the reader's words: the area's
 * '<area>.category.<word>' text, or the word itself for one the console has no words for.
 */
export function category(area, word) {
  const key = `${area}.category.${word}`;
  return hasText(key) ? t(key) : word;
}

/**
 * A refused call as error-summary entries: the problem's words when the area has them ('problem.<type>'),
 * else the shell's; a 422 whose detail names a field (Field 'x' ...) links to fields[x] when given.
 */
export function refusal(err, fields = {}) {
  const named = /Field '([\w.]+)'/.exec(err.detail || '');
  const field = named && fields[named[1]] ? fields[named[1]] : null;
  return [problemEntry(err, field, hasText)];
}
