// One typed dictionary per language; the browser's language by default, the user's choice remembered.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { de } from './de.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import type { Locale, Translate } from './locale.ts';

export type { Locale, Translate };
export const LOCALES: readonly Locale[] = ['en', 'de'];
const DICTIONARIES: Record<Locale, Messages> = { en, de };
const STORAGE_KEY = 'pledge.locale';

export function detectLocale(stored: string | null, languages: readonly string[]): Locale {
  if (stored === 'en' || stored === 'de') return stored;
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'de' || base === 'en') return base;
  }
  return 'en';
}

export function translate(
  locale: Locale,
  key: MessageKey,
  values?: Readonly<Record<string, string | number>>,
): string {
  const text = DICTIONARIES[locale][key];
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Whether a key exists, for texts chosen at run time (error codes, statuses). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

interface I18n {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
  readonly t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() =>
    detectLocale(readStored(), navigator.languages ?? [navigator.language]),
  );
  const setLocale = useCallback((next: Locale) => {
    setState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage; the choice then lasts for this page only.
    }
  }, []);
  document.documentElement.lang = locale;
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, values) => translate(locale, key, values) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
