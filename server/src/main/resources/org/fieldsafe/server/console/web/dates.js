// Times as the reader's language writes them: Intl.DateTimeFormat in the page's language where that language has a
// convention of its own (bn, hi, km, ne, th: day before month, Thai in the Buddhist era); ISO-like (2026-03-01 08:00,
// in the browser's time zone) where it has none - English without a region (which Intl reads as the US month/day
// order) and Lahu. Every screen writes times through here, never with a bare toLocaleString().
const OWN_CONVENTION = new Set(['bn', 'hi', 'km', 'ne', 'th']);

const pad = (n) => String(n).padStart(2, '0');

/** An instant (ISO text, number or Date) in `lang`'s words, '' for none; `seconds` adds them (the audit log). */
export function dateTime(value, lang, { seconds = false } = {}) {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  if (OWN_CONVENTION.has(lang) && Intl.DateTimeFormat.supportedLocalesOf([lang]).length) {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' }).format(d);
  }
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}` + (seconds ? `:${pad(d.getSeconds())}` : '');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}
