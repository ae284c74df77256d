// What a station marker (map, region list, wall) shows: one condition, worst first. A lost link
// shows before anything else; then alarms by priority; then operator-initiated modes; then stale
// data; otherwise the calm normal look.

import { PALETTE, priorityColour } from './palette'
import { isStaleTime } from './staleness'
import type { LatestValue } from './live'

export type StationCondition = 'offline' | 'alarm' | 'calibration' | 'maintenance' | 'stale' | 'normal'

/** The alarm fields the marker needs. */
export interface AlarmLike {
  station: string
  priority: number
  state: string
}

export interface StationLook {
  condition: StationCondition
  /** Highest (most urgent) priority of the station's annunciated alarms, or null. */
  priority: number | null
  /** Any alarm of the station waiting for acknowledgement: the marker blinks. */
  unacknowledged: boolean
  colour: string
}

/** Alarm states that are annunciated (shown); shelved, suppressed and out-of-service ones are not. */
export function isAnnunciated(state: string): boolean {
  return state === 'UNACKNOWLEDGED_ACTIVE' || state === 'ACKNOWLEDGED_ACTIVE' || state === 'RETURNED_UNACKNOWLEDGED'
}

export function needsAcknowledge(state: string): boolean {
  return state === 'UNACKNOWLEDGED_ACTIVE' || state === 'RETURNED_UNACKNOWLEDGED'
}

export interface StationInput {
  /** The station's link state (worst of its devices). */
  link: string
  /** Whether live data is flowing (the WebSocket is open). */
  live: boolean
  alarms: readonly AlarmLike[]
  /** The newest samples of the station's points (may be empty before the first frame). */
  points: Iterable<LatestValue>
  now: number
}

export function stationLook(s: StationInput): StationLook {
  if (s.link !== 'CONNECTED') return look('offline', null, false)
  let priority: number | null = null
  let unacknowledged = false
  for (const a of s.alarms) {
    if (!isAnnunciated(a.state)) continue
    if (priority === null || a.priority < priority) priority = a.priority
    if (needsAcknowledge(a.state)) unacknowledged = true
  }
  if (priority !== null) return look('alarm', priority, unacknowledged)
  if (!s.live) return look('stale', null, false)
  let calibration = false
  let maintenance = false
  let stale = false
  let any = false
  for (const p of s.points) {
    any = true
    if (p.flag === 'C') calibration = true
    else if (p.flag === 'M') maintenance = true
    if (isStaleTime(p.timeMs, s.now)) stale = true
  }
  if (calibration) return look('calibration', null, false)
  if (maintenance) return look('maintenance', null, false)
  if (stale || !any) return look('stale', null, false)
  return look('normal', null, false)
}

function look(condition: StationCondition, priority: number | null, unacknowledged: boolean): StationLook {
  return { condition, priority, unacknowledged, colour: conditionColour(condition, priority) }
}

export function conditionColour(condition: StationCondition, priority: number | null): string {
  switch (condition) {
    case 'alarm':
      return priorityColour(priority)
    case 'offline':
    case 'stale':
      return PALETTE.offline
    case 'calibration':
    case 'maintenance':
      return PALETTE.maintenance
    default:
      return PALETTE.normal
  }
}

/** The short text printed on a marker beside its colour, so colour is never the only cue. */
export function conditionBadge(look: StationLook): string {
  switch (look.condition) {
    case 'alarm':
      return `P${look.priority}`
    case 'offline':
      return '✕'
    case 'calibration':
      return 'C'
    case 'maintenance':
      return 'M'
    case 'stale':
      return '?'
    default:
      return ''
  }
}

/** The point a marker shows for a station kind, with the unit and range it is shown in. */
export interface KeyPoint {
  key: string
  unit: string
  rangeLow: number
  rangeHigh: number
}

const DOSE_RATE: KeyPoint = { key: 'dose-rate', unit: 'nGy/h', rangeLow: 10, rangeHigh: 10000 }
const PM25: KeyPoint = { key: 'pm25', unit: 'µg/m³', rangeLow: 0, rangeHigh: 1000 }
const NH3N: KeyPoint = { key: 'nh3n', unit: 'mg/L', rangeLow: 0, rangeHigh: 20 }

/**
 * The key value of a station kind: the dose rate at radiation stations; PM2.5 at air stations and
 * ammonia nitrogen at water stations until the HMI can show AQI and water class. Null when the
 * kind has no key value the HMI can source.
 */
export function keyPointOf(kind: string): KeyPoint | null {
  if (kind.startsWith('radiation-')) return DOSE_RATE
  if (kind.startsWith('air-')) return PM25
  if (kind.startsWith('water-')) return NH3N
  return null
}

/** The mimic drawing used for a station kind. */
export function mimicOf(kind: string): string {
  if (kind.startsWith('radiation-')) return 'radiation'
  if (kind.startsWith('water-')) return 'water'
  if (kind === 'pollution-source') return 'stack'
  return 'air'
}
