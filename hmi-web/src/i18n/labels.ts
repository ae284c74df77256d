// Labels of server vocabulary (station kinds, qualities, flags, link states, point names) and of
// names that come from the site file in Chinese with an optional English form.

import { useI18n } from 'vue-i18n'
import { messages, type Locale, type Messages } from './messages'
import { pointKey } from '../model/live'
import type { StationSummary } from '../model/types'

export type LabelGroup = 'kind' | 'link' | 'quality' | 'flag' | 'point' | 'state'

/** The label of {@code key} in {@code group}, or undefined when the vocabulary has none. */
export function labelOf(locale: Locale, group: LabelGroup, key: string): string | undefined {
  const table = messages[locale][group] as Record<string, string>
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined
}

function titleCase(id: string): string {
  return id
    .split(/[-_ ]+/)
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ')
}

export function stationNameIn(locale: Locale, s: Pick<StationSummary, 'name' | 'nameEn' | 'id'>): string {
  if (locale === 'en' && s.nameEn) return s.nameEn
  return s.name || s.id
}

export function regionNameIn(locale: Locale, s: Pick<StationSummary, 'region' | 'regionName' | 'regionNameEn'>): string {
  if (locale === 'en') return s.regionNameEn || titleCase(s.region)
  return s.regionName || s.region
}

/** Chinese: the site file's point name; English: the standard name of the point's key. */
export function pointNameIn(locale: Locale, p: { id: string; name?: string | null }): string {
  const key = pointKey(p.id)
  if (locale === 'en') return labelOf('en', 'point', key) ?? p.name ?? key
  return p.name || labelOf('zh-CN', 'point', key) || key
}

/** Reactive label helpers for components. */
export function useLabels() {
  const { locale, t } = useI18n<{ message: Messages }>()
  const loc = () => locale.value as Locale
  return {
    t,
    locale,
    label: (group: LabelGroup, key: string) => labelOf(loc(), group, key) ?? key,
    stationName: (s: Pick<StationSummary, 'name' | 'nameEn' | 'id'>) => stationNameIn(loc(), s),
    regionName: (s: Pick<StationSummary, 'region' | 'regionName' | 'regionNameEn'>) => regionNameIn(loc(), s),
    pointName: (p: { id: string; name?: string | null }) => pointNameIn(loc(), p),
  }
}
