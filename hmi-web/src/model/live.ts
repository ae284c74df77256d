// Pure rules for merging pushed values and link changes into what the HMI shows.

import { parseIncidentEvent } from './emergency'
import { isGoodNow, parseTime } from './staleness'
import { linkSeverity, worstLink } from './vocabulary'
import type { AlarmMessage, CommandMessage, PointDetail, PointUpdate, ServerMessage, StationValues } from './types'

/** The newest known sample of one point. */
export interface LatestValue {
  value: number | null
  quality: string
  flag: string
  timeMs: number | null
}

/** A point as the station panel shows it: its description plus the newest sample. */
export interface LivePoint extends PointDetail, LatestValue {}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/**
 * Each station's point ids by position, as the server sent them in a station entry's "ids"; one
 * table per connection (a new connection's first entry of each station brings them again).
 */
export type PointIdTables = Map<string, readonly string[]>

/**
 * One tuple [index, value, time, quality, flag] of a station entry: index into the station's point
 * ids, time in milliseconds after the message's t0. Null when the index names no known point.
 */
function asPointUpdate(x: unknown, ids: readonly string[], t0: number): PointUpdate | null {
  if (!Array.isArray(x) || typeof x[0] !== 'number') return null
  const id = ids[x[0]]
  if (typeof id !== 'string') return null
  const [, value, time, quality, flag] = x
  return {
    id,
    value: typeof value === 'number' && Number.isFinite(value) ? value : null,
    // A missing quality is not evidence of a good value.
    quality: typeof quality === 'string' ? quality : 'BAD',
    flag: typeof flag === 'string' ? flag : 'N',
    timeMs: typeof time === 'number' && Number.isFinite(time) ? t0 + time : null,
  }
}

/**
 * One station's entry {station, ids?, points} of a values message; its ids, when present, replace
 * the station's table. Null when malformed.
 */
function asStationValues(x: unknown, pointIds: PointIdTables, t0: number): StationValues | null {
  if (!isObject(x) || typeof x.station !== 'string' || !Array.isArray(x.points)) return null
  if (Array.isArray(x.ids)) pointIds.set(x.station, x.ids.map((id) => (typeof id === 'string' ? id : '')))
  const ids = pointIds.get(x.station) ?? []
  const points: PointUpdate[] = []
  for (const p of x.points) {
    const u = asPointUpdate(p, ids, t0)
    if (u) points.push(u)
  }
  return { station: x.station, points }
}

/**
 * Parses one WebSocket frame. Unknown types and malformed frames give null (and are ignored):
 * a newer server may send messages this HMI does not know.
 */
export function parseServerMessage(data: unknown, pointIds: PointIdTables = new Map()): ServerMessage | null {
  let m: unknown = data
  if (typeof data === 'string') {
    try {
      m = JSON.parse(data)
    } catch {
      return null
    }
  }
  if (!isObject(m)) return null
  if (m.type === 'resync') return { type: 'resync' }
  if (m.type === 'alarm' && typeof m.id === 'string' && typeof m.station === 'string' && typeof m.state === 'string') {
    return { ...(m as unknown as AlarmMessage), priority: typeof m.priority === 'number' ? m.priority : 4 }
  }
  if (m.type === 'command' && typeof m.id === 'string' && typeof m.device === 'string' && typeof m.state === 'string') {
    return m as unknown as CommandMessage
  }
  if (m.type === 'incident-event') return parseIncidentEvent(m)
  if (m.type === 'values' && Array.isArray(m.stations) && typeof m.t0 === 'number') {
    const t0 = m.t0
    const stations: StationValues[] = []
    for (const entry of m.stations) {
      const values = asStationValues(entry, pointIds, t0)
      if (values) stations.push(values)
    }
    return { type: 'values', stations }
  }
  if (typeof m.station !== 'string') return null
  if (m.type === 'link' && typeof m.device === 'string' && typeof m.state === 'string') {
    return { type: 'link', station: m.station, device: m.device, state: m.state }
  }
  return null
}

/** Whether a sample at {@code incoming} may replace one at {@code current}: never go back in time. */
export function isNewer(incoming: number | null, current: number | null): boolean {
  if (current === null) return true
  if (incoming === null) return false
  return incoming >= current
}

/**
 * Merges pushed samples into a point table in place; samples for unknown points and samples older
 * than the one held are dropped. Returns how many points changed.
 */
export function mergeUpdates(points: Map<string, LatestValue>, updates: readonly PointUpdate[], create = false): number {
  let changed = 0
  for (const u of updates) {
    const timeMs = u.timeMs
    const held = points.get(u.id)
    if (!held) {
      if (create) {
        points.set(u.id, { value: u.value, quality: u.quality, flag: u.flag, timeMs })
        changed++
      }
      continue
    }
    if (!isNewer(timeMs, held.timeMs)) continue
    // Assign field by field so a reactive point only re-renders what changed.
    if (held.value !== u.value) held.value = u.value
    if (held.quality !== u.quality) held.quality = u.quality
    if (held.flag !== u.flag) held.flag = u.flag
    if (held.timeMs !== timeMs) held.timeMs = timeMs
    changed++
  }
  return changed
}

/** Points of a station that are GOOD and fresh now. */
export function countGood(points: Iterable<LatestValue>, now: number): number {
  let n = 0
  for (const p of points) if (isGoodNow(p.quality, p.timeMs, now)) n++
  return n
}

/**
 * The good-point count to show for a station. The pushed samples are used once they cover every
 * point of the station; until then (just connected, or points never written) the server's count
 * from the last station list is shown, so the figure does not dip while the first frames arrive.
 */
export function displayedGood(total: number, serverGood: number, latest: Map<string, LatestValue> | undefined, now: number): number {
  if (latest && latest.size >= total && total > 0) return countGood(latest.values(), now)
  return serverGood
}

/**
 * A station's link state after one of its devices reported {@code deviceState}. The station shows
 * the worst of its devices. A worse state is certain at once; a better one is not (other devices
 * may still be down), so the shown state stays and the station is to be fetched again.
 */
export function stationLinkAfter(current: string, deviceState: string): { state: string; refetch: boolean } {
  if (linkSeverity(deviceState) >= linkSeverity(current)) return { state: deviceState, refetch: false }
  return { state: current, refetch: true }
}

/** A station's link state from all its devices (when the detail with every device is known). */
export function stationLinkOf(devices: readonly { linkState: string }[]): string {
  return devices.length === 0 ? 'DISCONNECTED' : worstLink(devices.map((d) => d.linkState))
}

/** The last segment of a point id ("yc-xinghuayuan.aqm.pm25" → "pm25"), the key of its label. */
export function pointKey(pointId: string): string {
  const dot = pointId.lastIndexOf('.')
  return dot < 0 ? pointId : pointId.slice(dot + 1)
}

/** Makes the panel's points from a station detail, with newer pushed samples folded in. */
export function livePoint(p: PointDetail, pushed?: LatestValue): LivePoint {
  const own: LatestValue = { value: p.value, quality: p.quality, flag: p.flag, timeMs: parseTime(p.time) }
  const newest = pushed && isNewer(pushed.timeMs, own.timeMs) ? pushed : own
  return { ...p, ...newest }
}
