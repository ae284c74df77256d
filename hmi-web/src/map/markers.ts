// The station markers of the map, grouped by look: every group is one ECharts series with one
// style, its stations plain [lon, lat] items. Per-item styles make ECharts build a model per
// marker on every update (the cost that dominated a 2,000-station wall); a few groups do not.
// The text beside markers is kept apart (labels), so that a new value redraws text only.

import type { StationView } from '../model/looks'
import { PALETTE } from '../model/palette'
import { conditionBadge } from '../model/stationState'
import { aqiAbnormal, aqiColour, aqiText, type StationAqi } from '../model/aqi'

export interface MarkerOptions {
  /** Wall display: larger markers and labels. */
  large: boolean
  /** Key values beside every marker (else badges beside abnormal ones only). */
  labels: boolean
  /** With labels: key values beside these stations only (a region view's own); all when absent. */
  labelled?: ReadonlySet<string>
  /** The blink phase: unacknowledged markers are drawn dark when false. */
  blinkOn: boolean
  /** Wall scale: 1 on a 1080-line screen, 2 on 2160 lines. */
  scale: number
  /**
   * The air stations' hourly AQI: printed after the key value; from category 4 up printed beside
   * every marker, in its category colour unless the station is abnormal (see model/aqi.ts).
   */
  aqi?: ReadonlyMap<string, StationAqi>
}

export interface MarkerStyle {
  symbol: string
  size: number
  color: string
  borderColor: string
  borderWidth: number
  borderType: 'solid' | 'dashed'
  labelColor: string
  labelSize: number
  /** Abnormal markers are drawn above normal ones. */
  z: number
}

export interface MarkerGroup {
  key: string
  style: MarkerStyle
  items: { name: string; value: [number, number] }[]
}

export interface Markers {
  groups: MarkerGroup[]
  /** Label text by station id (only stations that show one). */
  labels: Map<string, string>
}

export function symbolOf(kind: string): string {
  if (kind === 'radiation-gamma') return 'triangle'
  if (kind.startsWith('water-')) return 'diamond'
  if (kind === 'pollution-source') return 'rect'
  return 'circle'
}

export function markerGroups(stations: readonly StationView[], o: MarkerOptions): Markers {
  const base = o.large ? 36 * o.scale : 16
  const groups = new Map<string, MarkerGroup>()
  const labels = new Map<string, string>()
  for (const s of stations) {
    const { longitude, latitude } = s.row
    if (typeof longitude !== 'number' || typeof latitude !== 'number') continue
    const abnormal = s.look.condition !== 'normal'
    const aqi = o.aqi?.get(s.row.id)
    const pollutedAir = aqiAbnormal(aqi)
    const dark = s.look.unacknowledged && !o.blinkOn
    const hollow = s.look.condition === 'offline' || s.look.condition === 'stale'
    const style: MarkerStyle = {
      symbol: symbolOf(s.row.kind),
      size: abnormal ? base * 1.3 : base,
      color: hollow ? 'transparent' : dark ? PALETTE.background : s.look.colour,
      borderColor: hollow ? PALETTE.offline : dark ? s.look.colour : '#2a2d30',
      borderWidth: (hollow ? 3 : 1.5) * (o.large ? o.scale : 1),
      borderType: hollow ? 'dashed' : 'solid',
      labelColor: abnormal ? s.look.colour : (pollutedAir && aqiColour(aqi)) || PALETTE.muted,
      labelSize: o.large ? 40 * o.scale : 13,
      z: abnormal ? 10 : 1,
    }
    const key = Object.values(style).join('|')
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { key, style, items: [] }))
    group.items.push({ name: s.row.id, value: [longitude, latitude] })
    const value = o.labels && (!o.labelled || o.labelled.has(s.row.id))
    if (value || abnormal || pollutedAir) {
      const text = [conditionBadge(s.look), value ? s.keyText : '', value || pollutedAir ? aqiText(aqi) : ''].filter(Boolean).join(' ')
      if (text) labels.set(s.row.id, text)
    }
  }
  return { groups: [...groups.values()], labels }
}

/** Whether two marker sets draw the same markers: same groups and styles, stations and places. */
export function sameGroups(a: Markers, b: Markers): boolean {
  if (a.groups.length !== b.groups.length) return false
  for (let g = 0; g < a.groups.length; g++) {
    const x = a.groups[g]
    const y = b.groups[g]
    if (x.key !== y.key || x.items.length !== y.items.length) return false
    for (let i = 0; i < x.items.length; i++) {
      const p = x.items[i]
      const q = y.items[i]
      if (p.name !== q.name || p.value[0] !== q.value[0] || p.value[1] !== q.value[1]) return false
    }
  }
  return true
}

/** Whether two marker sets print the same text beside the same stations. */
export function sameLabels(a: Markers, b: Markers): boolean {
  if (a.labels.size !== b.labels.size) return false
  for (const [id, text] of a.labels) if (b.labels.get(id) !== text) return false
  return true
}

/** A series drawn over the map (the emergency picture), identified by its id. */
export type OverlaySeries = Record<string, unknown>

/**
 * The overlay series the chart must take after `next` replaced `shown`: only those that are new
 * objects under the same ids (merged by id: the others, and the markers, stay as drawn), or null
 * when the ids or their order differ (then the chart takes every series again).
 */
export function changedSeries(shown: readonly OverlaySeries[], next: readonly OverlaySeries[]): OverlaySeries[] | null {
  if (shown.length !== next.length) return null
  const changed: OverlaySeries[] = []
  for (let i = 0; i < next.length; i++) {
    if (next[i].id === undefined || next[i].id !== shown[i].id) return null
    if (next[i] !== shown[i]) changed.push(next[i])
  }
  return changed
}
