// The emergency platform as the HMI sees it: incidents and drills, their checklist and timeline,
// the plume estimate, and the pure rules that turn them into a picture (dose-rate bands, rings
// around the release point, the wind arrow, the estimate's contours).

import { isAnnunciated, type AlarmLike } from './stationState'
import { PALETTE, priorityColour } from './palette'
import type { ValueState } from './staleness'

/** The server's IncidentType keys. */
export const INCIDENT_TYPES = ['nuclear-facility', 'radioactive-source', 'transport', 'unknown-origin'] as const
/** The server's EmergencyClass keys, lowest first. */
export const EMERGENCY_CLASSES = ['standby', 'plant', 'site-area', 'off-site'] as const
/** The server's EventKind names. */
export const EVENT_KINDS = ['DECLARED', 'ESCALATED', 'DE_ESCALATED', 'ENDED', 'NOTE', 'STEP', 'ORDER', 'ORDER_RESULT', 'ALARM', 'VEHICLE', 'SOURCES', 'PLUME'] as const
/** The server's PlanStep.Kind and PlanStep.State names. */
export const STEP_KINDS = ['MEASUREMENT', 'SAMPLERS', 'NOTIFICATION'] as const
export const STEP_STATES = ['PENDING', 'RUNNING', 'DONE', 'FAILED'] as const

/** Planning-zone rings around the release point, km. */
export const RING_KM = [3, 5, 10, 30] as const

export interface Incident {
  id: string
  drill: boolean
  type: string
  class: string
  className: string
  latitude: number
  longitude: number
  occurredAt: string
  note: string
  declaredAt: string
  declaredBy: string
  endedAt: string | null
  endedBy: string | null
  open: boolean
}

export interface PlanStep {
  id: string
  class: string
  kind: string
  target: string
  description: string
  state: string
  doneBy: string | null
  doneAt: string | null
  detail: string | null
}

/** GET /api/incidents/current: the open incident with its checklist. */
export interface OpenIncident extends Incident {
  checklist: PlanStep[]
  highFrequencyStations: string[]
  stationsInRange: string[]
}

export interface TimelineEvent {
  seq: number
  time: string
  incident: string
  kind: string
  user: string
  text: string
  detail: Record<string, unknown>
}

/** The push frame {"type":"incident-event", ...event}. */
export interface IncidentEventMessage extends TimelineEvent {
  type: 'incident-event'
}

export interface StationEstimate {
  station: string
  latitude: number
  longitude: number
  measured: number
  background: number | null
  measuredIncrease: number | null
  estimatedIncrease: number
}

export interface Contour {
  /** nGy/h above background. */
  level: number
  /** Each [lat1, lon1, lat2, lon2]. */
  segments: number[][]
}

export interface PlumeEstimate {
  time: string
  latitude: number
  longitude: number
  releaseHeight: number
  windSpeed: number
  windFrom: number
  cloudCover: number
  /** "entered", or the id of the station whose wind it is. */
  weatherSource: string
  stability: string
  releaseRate: number
  fitted: boolean
  stations: StationEstimate[]
  contours: Contour[]
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/** The incident event of a push frame, or null when the frame is not a well-formed one. */
export function parseIncidentEvent(m: Record<string, unknown>): IncidentEventMessage | null {
  if (m.type !== 'incident-event') return null
  if (typeof m.seq !== 'number' || typeof m.incident !== 'string' || typeof m.kind !== 'string' || typeof m.time !== 'string') return null
  return {
    type: 'incident-event',
    seq: m.seq,
    time: m.time,
    incident: m.incident,
    kind: m.kind,
    user: typeof m.user === 'string' ? m.user : '',
    text: typeof m.text === 'string' ? m.text : '',
    detail: isObject(m.detail) ? m.detail : {},
  }
}

/** The timeline with {@code event} in its place (by seq); an event already held is not repeated. */
export function withEvent(timeline: readonly TimelineEvent[], event: TimelineEvent): TimelineEvent[] {
  if (timeline.some((e) => e.seq === event.seq)) return timeline as TimelineEvent[]
  const next = [...timeline, event]
  if (timeline.length > 0 && timeline[timeline.length - 1].seq > event.seq) next.sort((a, b) => a.seq - b.seq)
  return next
}

/** Whether an event changes what GET /api/incidents/current says (class, checklist, open or not). */
export function changesIncident(kind: string): boolean {
  return !['NOTE', 'ALARM', 'PLUME', 'VEHICLE', 'SOURCES'].includes(kind)
}

// --- dose-rate bands ---------------------------------------------------------------------------

/**
 * A radiation station's band, as the server's alarm engine judges its dose rate: above the alarm
 * level, above the investigation level (each background-relative or absolute, whichever is lower),
 * normal, or unknown (no trustworthy reading).
 */
export type DoseBand = 'alarm' | 'investigation' | 'normal' | 'unknown'

export interface BandAlarm extends AlarmLike {
  kind: string
}

export interface StationBand {
  band: DoseBand
  /** The priority of the dose-rate alarm behind the band, or null. */
  priority: number | null
}

/** The band of a station from its current alarms and the state of its dose-rate reading. */
export function doseBand(alarms: Iterable<BandAlarm>, keyState: ValueState): StationBand {
  let alarm: number | null = null
  let investigation: number | null = null
  for (const a of alarms) {
    if (!isAnnunciated(a.state)) continue
    if (a.kind === 'DOSE_RATE_ALARM' && (alarm === null || a.priority < alarm)) alarm = a.priority
    if (a.kind === 'DOSE_RATE_INVESTIGATION' && (investigation === null || a.priority < investigation)) investigation = a.priority
  }
  if (alarm !== null) return { band: 'alarm', priority: alarm }
  if (investigation !== null) return { band: 'investigation', priority: investigation }
  if (keyState !== 'good' && keyState !== 'uncertain') return { band: 'unknown', priority: null }
  return { band: 'normal', priority: null }
}

/** The band of every radiation station, by id, from the current alarms and each station's reading. */
export function bandsOf(stations: readonly { row: { id: string; kind: string }; keyState: ValueState }[], alarms: Iterable<BandAlarm>): Map<string, StationBand> {
  const byStation = new Map<string, BandAlarm[]>()
  for (const a of alarms) {
    if (a.kind !== 'DOSE_RATE_ALARM' && a.kind !== 'DOSE_RATE_INVESTIGATION') continue
    byStation.set(a.station, [...(byStation.get(a.station) ?? []), a])
  }
  const bands = new Map<string, StationBand>()
  for (const s of stations) if (s.row.kind === 'radiation-gamma') bands.set(s.row.id, doseBand(byStation.get(s.row.id) ?? [], s.keyState))
  return bands
}

/** A band's colour: the alarm's priority colour (the same as in the banner and the list), else grey. */
export function bandColour(b: StationBand): string {
  if (b.band === 'alarm' || b.band === 'investigation') return priorityColour(b.priority ?? (b.band === 'alarm' ? 1 : 2))
  return b.band === 'normal' ? PALETTE.normal : PALETTE.offline
}

/** A band's marker shape, so that the band never rests on colour alone. */
export function bandSymbol(b: DoseBand): string {
  return b === 'alarm' ? 'diamond' : b === 'investigation' ? 'triangle' : 'circle'
}

// --- geometry on the map -----------------------------------------------------------------------

const EARTH_RADIUS_KM = 6371.0088
const RAD = Math.PI / 180

/** Great-circle distance, km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLon = (lon2 - lon1) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The point {@code km} from (lat, lon) towards {@code bearing} (degrees clockwise from north), as [lon, lat]. */
export function destination(lat: number, lon: number, bearing: number, km: number): [number, number] {
  const d = km / EARTH_RADIUS_KM
  const b = bearing * RAD
  const p1 = lat * RAD
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b))
  const l2 = lon * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2))
  return [l2 / RAD, p2 / RAD]
}

/** A closed ring of {@code km} around (lat, lon), as [lon, lat] points (the first repeated last). */
export function ring(lat: number, lon: number, km: number, steps = 96): [number, number][] {
  const points: [number, number][] = []
  for (let i = 0; i <= steps; i++) points.push(destination(lat, lon, (360 * i) / steps, km))
  return points
}

/** The map box that holds a ring of {@code km} around (lat, lon) with a margin: [[west, north], [east, south]]. */
export function ringBox(lat: number, lon: number, km: number, margin = 1.15): [[number, number], [number, number]] {
  const [, north] = destination(lat, lon, 0, km * margin)
  const [east] = destination(lat, lon, 90, km * margin)
  const [, south] = destination(lat, lon, 180, km * margin)
  const [west] = destination(lat, lon, 270, km * margin)
  return [
    [west, north],
    [east, south],
  ]
}

/**
 * The wind arrow drawn from (lat, lon): a wind from {@code windFrom}° blows towards windFrom + 180°,
 * so the arrow points downwind, {@code km} long. As [lon, lat] from tail to head.
 */
export function windArrow(lat: number, lon: number, windFrom: number, km: number): [[number, number], [number, number]] {
  return [[lon, lat], destination(lat, lon, (windFrom + 180) % 360, km)]
}

/** A contour's segments as map lines ([lon, lat] pairs); malformed segments are left out. */
export function contourLines(contour: Contour): [number, number][][] {
  const lines: [number, number][][] = []
  for (const s of contour.segments) {
    if (s.length !== 4 || !s.every((v) => Number.isFinite(v))) continue
    lines.push([
      [s[1], s[0]],
      [s[3], s[2]],
    ])
  }
  return lines
}

// --- sampler orders ----------------------------------------------------------------------------

/** Command states after which nothing more happens; COMPLETED and ACKNOWLEDGED are success. */
const SUCCESS = new Set(['COMPLETED', 'ACKNOWLEDGED'])
const FINAL = new Set(['COMPLETED', 'ACKNOWLEDGED', 'FAILED', 'TIMED_OUT', 'REFUSED', 'EXPIRED', 'CANCELLED', 'UNKNOWN'])

export interface SamplerProgress {
  station: string
  /** ORDERED until a command is known; RUNNING while one is under way; then COMPLETED or FAILED. */
  state: 'ORDERED' | 'RUNNING' | 'COMPLETED' | 'FAILED'
  /** Each command of the station (device/command) with its newest state. */
  commands: Record<string, string>
  /** The newest order or result text of the station. */
  text: string
}

/**
 * The progress of the newest downwind-sampler order: the stations it named, each with the newest
 * state of every command ordered at its devices (a device id is its station's id, a dot, a name).
 */
export function samplerProgress(timeline: readonly TimelineEvent[]): SamplerProgress[] {
  let start = -1
  for (let i = timeline.length - 1; i >= 0 && start < 0; i--) {
    if (timeline[i].kind === 'ORDER' && Array.isArray(timeline[i].detail.stations)) start = i
  }
  if (start < 0) return []
  const stations = (timeline[start].detail.stations as unknown[]).filter((s): s is string => typeof s === 'string')
  const progress = new Map<string, SamplerProgress>(stations.map((s) => [s, { station: s, state: 'ORDERED', commands: {}, text: '' }]))
  for (let i = start + 1; i < timeline.length; i++) {
    const e = timeline[i]
    if (e.kind !== 'ORDER' && e.kind !== 'ORDER_RESULT') continue
    const device = typeof e.detail.device === 'string' ? e.detail.device : ''
    const entry = progress.get(device.slice(0, device.indexOf('.')))
    if (!entry || device.indexOf('.') < 0) continue
    const command = typeof e.detail.commandId === 'string' ? e.detail.commandId : typeof e.detail.command === 'string' ? e.detail.command : ''
    // an order the server tries again ("…, trying again") is still under way
    const retried = e.text.endsWith('trying again')
    entry.commands[`${device}/${command}`] = retried ? 'RETRYING' : typeof e.detail.state === 'string' ? e.detail.state : 'FAILED'
    entry.text = e.text
    const states = Object.values(entry.commands)
    entry.state = states.some((s) => !FINAL.has(s)) ? 'RUNNING' : states.every((s) => SUCCESS.has(s)) ? 'COMPLETED' : 'FAILED'
  }
  return [...progress.values()]
}
