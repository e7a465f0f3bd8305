// Locale choice: the one remembered in localStorage, else the browser's language, else English.

import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-CN';

export const kLocales = ['zh-CN', 'en'] as const;
export type Locale = (typeof kLocales)[number];
export const kLocaleStorageKey = 'heed.locale';

export const messages = { en, 'zh-CN': zhCN };

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be disabled by the browser
  }
}

export function localeFor(language: string | undefined | null): Locale {
  return language && language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function initialLocale(): Locale {
  const remembered = storage()?.getItem(kLocaleStorageKey);
  if (remembered && (kLocales as readonly string[]).includes(remembered)) return remembered as Locale;
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return localeFor(nav?.languages?.[0] ?? nav?.language);
}

export function makeI18n(locale: Locale = initialLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    missingWarn: false,
    fallbackWarn: false,
  });
}

export const i18n = makeI18n();

export function applyDocumentLocale(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  storage()?.setItem(kLocaleStorageKey, locale);
  applyDocumentLocale(locale);
}
