// Mobile monitoring and the radioactive-source register on the emergency map: the monitoring
// vehicles where they are now with their tracks, and the registered sources with their monitors'
// readings and alarms. The server's REST answers (/api/vehicles, /api/vehicles/{id}/track,
// /api/sources) are polled while the emergency display is open; the alarms are the pushed ones.

import { simplifyLine } from '../map/simplify'
import { distanceKm } from './emergency'
import type { Alarm } from './types'

export interface VehicleNow {
  id: string
  name: string
  nameEn?: string | null
  base: { latitude: number; longitude: number }
  reporting: boolean
  latitude: number | null
  longitude: number | null
  doseRate: number | null
  flag: string
  dispatch?: { latitude: number; longitude: number; by: string; time: string }
}

export interface Fix {
  time: string
  latitude: number
  longitude: number
  doseRate: number | null
  flag: string
}

export interface SourceReading {
  point: string
  unit?: string
  value?: number | null
  quality?: string
  flag?: string
}

export interface RegisteredSource {
  id: string
  name: string
  class: string
  monitoredOnline: boolean
  nuclide: string
  activityBq: number
  category: string
  holder: string
  latitude: number
  longitude: number
  points: string[]
  fenceMetres?: number | null
  readings?: SourceReading[]
}

/** Source classes, most dangerous first (server SourceClass). */
export const SOURCE_CLASSES = ['I', 'II', 'III', 'IV', 'V'] as const

/** A track covers this many minutes back from now. */
export const TRACK_MINUTES = 30

/** Whether an alarm watches one of the source's monitoring points, or its monitor device. */
export function watchesSource(alarm: Alarm, source: RegisteredSource): boolean {
  return source.points.some((p) => p === alarm.source || p.startsWith(alarm.source + '.'))
}

/** The source's alarms that are not normal, most urgent first. */
export function sourceAlarms(source: RegisteredSource, alarms: Iterable<Alarm>): Alarm[] {
  const list: Alarm[] = []
  for (const a of alarms) if (a.state !== 'NORMAL' && watchesSource(a, source)) list.push(a)
  return list.sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id))
}

/** An alarm a commander may open an incident from: raised (active, acknowledged or not). */
export function isRaised(alarm: Alarm): boolean {
  return alarm.state === 'UNACKNOWLEDGED_ACTIVE' || alarm.state === 'ACKNOWLEDGED_ACTIVE'
}

/** The good reading of the monitoring point whose id ends with `.name`, if any. */
export function readingOf(source: RegisteredSource, name: string): number | null {
  const r = source.readings?.find((x) => x.point.endsWith('.' + name))
  return r && r.quality === 'GOOD' && typeof r.value === 'number' ? r.value : null
}

/** Where the monitor reports the source now, else where it is registered. */
export function sourcePosition(source: RegisteredSource): { latitude: number; longitude: number; monitored: boolean } {
  const latitude = readingOf(source, 'latitude')
  const longitude = readingOf(source, 'longitude')
  return latitude !== null && longitude !== null ? { latitude, longitude, monitored: true } : { latitude: source.latitude, longitude: source.longitude, monitored: false }
}

/** A track as map coordinates, [lon, lat] oldest first. */
export function trackCoords(fixes: readonly Fix[]): number[][] {
  return fixes.filter((f) => Number.isFinite(f.latitude) && Number.isFinite(f.longitude)).map((f) => [f.longitude, f.latitude])
}

/**
 * A track after new fixes arrived: the held ones, then the fresh ones newer than the last held one,
 * without those older than `sinceMs`. Fetching only what is new keeps a track of 30 minutes at a fix
 * a second (1,800 fixes) from being fetched and parsed again every refresh.
 */
export function extendTrack(held: readonly Fix[], fresh: readonly Fix[], sinceMs: number): Fix[] {
  const lastMs = held.length > 0 ? Date.parse(held[held.length - 1].time) : Number.NEGATIVE_INFINITY
  let start = 0
  while (start < held.length && !(Date.parse(held[start].time) >= sinceMs)) start++
  const newer = fresh.filter((f) => Date.parse(f.time) > lastMs)
  if (start === 0 && newer.length === 0) return held as Fix[]
  return [...held.slice(start), ...newer]
}

/** Where to fetch a track from: after its last fix, or `sinceMs` for a new one. */
export function trackFrom(held: readonly Fix[] | undefined, sinceMs: number): Date {
  const last = held && held.length > 0 ? Date.parse(held[held.length - 1].time) : Number.NaN
  return new Date(Number.isFinite(last) && last >= sinceMs ? last : sinceMs)
}

/**
 * A track as the map draws it: [lon, lat] within half a pixel of a wall's emergency picture
 * (30 km rings on ~1,000 pixels: 0.0005° ≈ 50 m), so a vehicle driving for 30 minutes is a few dozen
 * points, not 1,800; and how far it went, km (from every fix).
 */
export const TRACK_TOLERANCE_DEGREES = 0.0005

export function drawnTrack(fixes: readonly Fix[]): { coords: number[][]; km: number } {
  const coords = trackCoords(fixes) as [number, number][]
  let km = 0
  for (let n = 1; n < coords.length; n++) km += distanceKm(coords[n - 1][1], coords[n - 1][0], coords[n][1], coords[n][0])
  return { coords: simplifyLine(coords, TRACK_TOLERANCE_DEGREES), km }
}
