import { createI18n } from 'vue-i18n'
import { LOCALES, messages, type Locale } from './messages'

const STORAGE_KEY = 'helan.locale'

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale
  } catch {
    // storage may be disabled on a locked-down wall PC; Chinese is the default anyway
  }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages,
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  document.title = messages[locale].app.title
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // not persisted; the switch still applies to this session
  }
}

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}
