// The look of every station for the map, the region views and the wall. Pushed values arrive for
// hundreds of stations a second; a station's view is computed again only when its own samples,
// link, alarms or the connection changed, or when one of its samples has since turned stale, and
// is re-evaluated at the display beat (valuesVersion and now, together, once a second at most).

import { computed, type ComputedRef } from 'vue'
import { formatValue } from './format'
import type { LatestValue } from './live'
import { STALE_AFTER_MS, valueState, type ValueState } from './staleness'
import { keyPointOf, stationLook, type AlarmLike, type StationLook } from './stationState'
import { changesOf, latestOf, state, type StationRow } from './store'
import type { Alarm } from './types'

export interface StationView {
  row: StationRow
  look: StationLook
  /** The key value as text with its unit ('' when the kind has none), and its quality. */
  keyText: string
  keyValue: number | null
  keyState: ValueState
}

/** One station's view from its newest samples and alarms. */
export function stationView(row: StationRow, points: ReadonlyMap<string, LatestValue> | undefined, alarms: readonly AlarmLike[], live: boolean, now: number): StationView {
  const look = stationLook({ link: row.linkState, live, alarms, points: points?.values() ?? [], now })
  const key = keyPointOf(row.kind)
  const sample = key && points ? findKey(points, key.key) : undefined
  let keyText = ''
  let keyValue: number | null = null
  let keyState: ValueState = 'nodata'
  if (key && sample) {
    keyState = valueState(sample, now)
    if (!live && (keyState === 'good' || keyState === 'uncertain')) keyState = 'stale'
    keyValue = keyState === 'bad' || keyState === 'nodata' ? null : sample.value
    keyText = keyValue === null ? '—' : `${formatValue(keyValue, key)} ${key.unit}`
  }
  return { row, look, keyText, keyValue, keyState }
}

function findKey(points: ReadonlyMap<string, LatestValue>, key: string): LatestValue | undefined {
  for (const [id, p] of points) if (id.endsWith(`.${key}`)) return p
  return undefined
}

/**
 * Until when a view computed at `now` holds without new samples: the first moment one of its
 * fresh samples turns stale (Infinity when none is fresh).
 */
export function viewHoldsUntil(points: ReadonlyMap<string, LatestValue> | undefined, now: number): number {
  let until = Number.POSITIVE_INFINITY
  for (const p of points?.values() ?? []) {
    if (p.timeMs === null) continue
    const staleAt = p.timeMs + STALE_AFTER_MS + 1
    if (staleAt > now && staleAt < until) until = staleAt
  }
  return until
}

/** Whether two views show the same (the row itself compared by identity). */
export function sameView(a: StationView, b: StationView): boolean {
  return (
    a.row === b.row &&
    a.keyText === b.keyText &&
    a.keyValue === b.keyValue &&
    a.keyState === b.keyState &&
    a.look.condition === b.look.condition &&
    a.look.priority === b.look.priority &&
    a.look.unacknowledged === b.look.unacknowledged &&
    a.look.colour === b.look.colour
  )
}

/** What a station's view was computed from, besides the time. */
interface Computed {
  view: StationView
  changes: number
  link: string
  kind: string
  longitude: number | null | undefined
  latitude: number | null | undefined
  alarms: readonly AlarmLike[]
  live: boolean
  holdsUntil: number
}

export interface ViewSources {
  now: number
  /** Whether live data flows (the WebSocket is open). */
  live: boolean
  alarmsOf(stationId: string): readonly AlarmLike[]
  /** A count that grows whenever the station's samples change. */
  changesOf(stationId: string): number
  latestOf(stationId: string): ReadonlyMap<string, LatestValue> | undefined
}

function sameAlarms(a: readonly AlarmLike[], b: readonly AlarmLike[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/**
 * The views of a station list, each computed again only when what it depends on changed. A view
 * that comes out the same keeps its object, and a list with no changed view is the same array,
 * so lists and the map re-render only what changed.
 */
export class StationViews {
  private readonly computed = new Map<string, Computed>()
  private last: StationView[] = []

  views(rows: readonly StationRow[], sources: ViewSources): StationView[] {
    const { now, live } = sources
    let changed = rows.length !== this.last.length
    const next: StationView[] = new Array(rows.length)
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]
      const held = this.computed.get(row.id)
      const alarms = sources.alarmsOf(row.id)
      const changes = sources.changesOf(row.id)
      const sameStation = held !== undefined && held.view.row === row && held.kind === row.kind && held.longitude === row.longitude && held.latitude === row.latitude
      if (sameStation && held.changes === changes && held.link === row.linkState && held.live === live && now < held.holdsUntil && sameAlarms(held.alarms, alarms)) {
        next[i] = held.view
      } else {
        const points = sources.latestOf(row.id)
        const fresh = stationView(row, points, alarms, live, now)
        const view = sameStation && sameView(held.view, fresh) ? held.view : fresh
        this.computed.set(row.id, { view, changes, link: row.linkState, kind: row.kind, longitude: row.longitude, latitude: row.latitude, alarms, live, holdsUntil: viewHoldsUntil(points, now) })
        next[i] = view
      }
      if (next[i] !== this.last[i]) changed = true
    }
    if (this.computed.size > rows.length) {
      const ids = new Set(rows.map((r) => r.id))
      for (const id of this.computed.keys()) if (!ids.has(id)) this.computed.delete(id)
    }
    if (changed) this.last = next
    return this.last
  }
}

const NO_ALARMS: readonly Alarm[] = []

export function useStationViews(): ComputedRef<StationView[]> {
  const alarmsByStation = computed(() => {
    const by = new Map<string, Alarm[]>()
    for (const a of state.alarms.values()) {
      let list = by.get(a.station)
      if (!list) by.set(a.station, (list = []))
      list.push(a)
    }
    return by
  })
  const views = new StationViews()
  return computed(() => {
    void state.valuesVersion
    const by = alarmsByStation.value
    return views.views(state.stations, { now: state.now, live: state.socket === 'open', alarmsOf: (id) => by.get(id) ?? NO_ALARMS, changesOf, latestOf })
  })
}
