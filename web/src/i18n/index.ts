// Labels in English and Japanese. The language follows the browser at first, then the operator's choice, kept in
// localStorage; switching re-renders the current page (not the live values, which are numbers).
import { en, type MessageKey } from "./en.js";
import { ja } from "./ja.js";

export type Lang = "en" | "ja";
export const LANGS: readonly Lang[] = ["ja", "en"];

const DICTS: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en, ja };
const STORAGE_KEY = "gridminer.lang";

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "ja") return saved;
  } catch {
    // Storage may be disabled; the browser language decides then.
  }
  return navigator.language.toLowerCase().startsWith("ja") ? "ja" : "en";
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export function lang(): Lang {
  return current;
}

/** BCP 47 tag for Intl: British English gives the 24-hour clock operators expect. */
export function locale(): string {
  return current === "ja" ? "ja-JP" : "en-GB";
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not kept across reloads then; the switch still applies.
  }
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function onLangChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The label for `key`, with {name} placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = DICTS[current][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A label that may not exist (a rule or state name the API added later): the raw name then. */
export function tMaybe(prefix: string, name: string): string {
  const key = `${prefix}.${name}`;
  return key in en ? t(key as MessageKey) : name;
}

export type { MessageKey };
