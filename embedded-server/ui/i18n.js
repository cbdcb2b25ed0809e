// Translations with the real client's rules: Portuguese on every load (the
// chosen language is written to localStorage, as i18next caches it, but never
// read back), missing keys fall back to Portuguese and then to the key itself,
// `{{name}}` placeholders are filled in without escaping (the DOM builder only
// ever writes text nodes).
import pt from './translations/pt.js';
import en from './translations/en.js';
import es from './translations/es.js';

const RESOURCES = { pt, en, es };
const FALLBACK = 'pt';
const STORAGE_KEY = 'i18nextLng';

/** Language names shown by both language selectors, in their order. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'pt', name: 'Português' },
  { code: 'es', name: 'Español' },
];

let current = 'pt';
const listeners = new Set();

function lookup(lang, key) {
  let node = RESOURCES[lang];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The text for `key` in the current language. */
export function t(key, vars = {}) {
  const text = lookup(current, key) ?? lookup(FALLBACK, key) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

export function currentLanguage() {
  return current;
}

/** Name shown on a selector button; unknown codes show the first entry, as the real selectors do. */
export function currentLanguageName() {
  return (LANGUAGES.find((lang) => lang.code === current) ?? LANGUAGES[0]).name;
}

export function changeLanguage(code) {
  if (!(code in RESOURCES)) return;
  current = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Storage may be disabled; the language still changes for this page.
  }
  for (const listener of listeners) listener(code);
}

/** Calls `listener(code)` after every language change; returns the unsubscribe function. */
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
