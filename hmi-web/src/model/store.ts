// The HMI's live state: station list, pushed samples, the open station. Glue between the REST
// client, the WebSocket and the components; the rules themselves live in live.ts.

import { reactive, markRaw } from 'vue'
import { errorText, fetchAlarms, fetchCommands, fetchStation, fetchStations } from '../api'
import type { SocketState } from '../ws'
import { FrameCoalescer } from './coalesce'
import { handleIncidentEvent } from './emergencyState'
import {
  displayedGood,
  livePoint,
  mergeUpdates,
  stationLinkAfter,
  stationLinkOf,
  type LatestValue,
  type LivePoint,
} from './live'
import type { Alarm, Command, DeviceDetail, ServerMessage, StationDetail, StationSummary, StationValues } from './types'

/** The station list is fetched again this often, to catch what pushes cannot tell (new stations). */
export const STATIONS_REFRESH_MS = 30_000

export interface StationRow extends StationSummary {
  /** Good points as shown (see displayedGood). */
  good: number
}

export interface OpenDevice extends Omit<DeviceDetail, 'points'> {
  points: LivePoint[]
}

export interface OpenStation {
  id: string
  loading: boolean
  error: string | null
  detail: (Omit<StationDetail, 'devices'> & { devices: OpenDevice[] }) | null
}

export interface HmiState {
  stations: StationRow[]
  loaded: boolean
  loadError: string | null
  now: number
  socket: SocketState
  retryAt: number | null
  open: OpenStation | null
  /** Current alarms by id (from /api/alarms, then kept up to date by pushes). */
  alarms: Map<string, Alarm>
  /** Recent commands by id (from /api/commands, then by pushes). */
  commands: Map<string, Command>
  /**
   * Bumped when pushed values arrived, at the display beat (once a second at most, see
   * DISPLAY_BEAT_MS): views that show values of many stations (map, wall, mimic) re-render on it
   * instead of on every sample.
   */
  valuesVersion: number
}

function emptyState(): HmiState {
  return {
    stations: [],
    loaded: false,
    loadError: null,
    now: Date.now(),
    socket: 'connecting',
    retryAt: null,
    open: null,
    alarms: new Map(),
    commands: new Map(),
    valuesVersion: 0,
  }
}

export const state: HmiState = reactive(emptyState()) as HmiState

/** At most this many commands are kept in memory; the commands view fetches the rest. */
const MAX_COMMANDS = 200

/** Newest pushed sample per point, per station; plain maps (not reactive): thousands of points. */
const latest = markRaw(new Map<string, Map<string, LatestValue>>())
/** Per station, a count that grows with every change of its samples (see changesOf). */
const changes = markRaw(new Map<string, number>())
/** The open station's points by id, pointing into the reactive detail. */
let openPoints = new Map<string, LivePoint>()
const refetchTimers = new Map<string, ReturnType<typeof setTimeout>>()

function rowById(id: string): StationRow | undefined {
  return state.stations.find((s) => s.id === id)
}

function assignSummary(row: StationRow, s: StationSummary): void {
  // Field by field, so that only what changed re-renders.
  const target = row as unknown as Record<string, unknown>
  for (const [key, v] of Object.entries(s)) {
    if (key !== 'good' && target[key] !== v) target[key] = v
  }
}

/** Loads (or reloads) the station list, updating rows in place. */
export async function loadStations(): Promise<void> {
  try {
    const list = await fetchStations()
    const byId = new Map(state.stations.map((r) => [r.id, r]))
    const next: StationRow[] = list.map((s) => {
      const row = byId.get(s.id)
      if (row) {
        assignSummary(row, s)
        return row
      }
      return { ...s, good: s.goodPoints }
    })
    const sameOrder = next.length === state.stations.length && next.every((r, i) => r === state.stations[i])
    if (!sameOrder) state.stations = next
    state.loaded = true
    state.loadError = null
    tick()
  } catch (e) {
    state.loadError = errorText(e)
  }
}

/** Re-evaluates time-dependent state (staleness, good counts); called every second. */
export function tick(now = Date.now()): void {
  state.now = now
  for (const row of state.stations) {
    const good = displayedGood(row.points, row.goodPoints, latest.get(row.id), now)
    if (row.good !== good) row.good = good
  }
}

let resyncHandler: () => void = () => {}

/** What to fetch again when the server says it lost track ({"type":"resync"}). */
export function onResync(handler: () => void): void {
  resyncHandler = handler
}

/**
 * The display beat: pushed values and the passing of time (staleness, good counts, clocks) reach
 * the displays together, in one animation frame, at most once a second. Values change once a
 * second at their source and a wall is read from metres away; one frame a second does the work,
 * the frames between only show it. The first values after a quiet second go at the next frame.
 * (The open station's panel takes every sample as it arrives.)
 */
export const DISPLAY_BEAT_MS = 1000
let valuesPending = false
const displayBeat = new FrameCoalescer(() => {
  tick()
  if (valuesPending) {
    valuesPending = false
    state.valuesVersion++
  }
}, DISPLAY_BEAT_MS)

/** Asks for a display beat (the app asks every second, so that time passes on screen). */
export function requestBeat(): void {
  displayBeat.request()
}

/** A count that grows whenever a station's samples change (not reactive: read it under valuesVersion). */
export function changesOf(stationId: string): number {
  return changes.get(stationId) ?? 0
}

/** The newest pushed samples of a station's points (not reactive: read it under valuesVersion). */
export function latestOf(stationId: string): ReadonlyMap<string, LatestValue> | undefined {
  return latest.get(stationId)
}

export function handleMessage(m: ServerMessage): void {
  if (m.type === 'resync') {
    resyncHandler()
    return
  }
  if (m.type === 'alarm') {
    const { type: _type, ...alarm } = m
    if (alarm.state === 'NORMAL') state.alarms.delete(alarm.id)
    else state.alarms.set(alarm.id, alarm)
    return
  }
  if (m.type === 'command') {
    const { type: _type, ...command } = m
    rememberCommand(command)
    return
  }
  if (m.type === 'incident-event') {
    handleIncidentEvent(m)
    return
  }
  if (m.type === 'values') {
    valuesPending = true
    displayBeat.request()
    for (const s of m.stations) mergeStation(s)
    return
  }
  const row = rowById(m.station)
  const open = state.open
  if (open?.id === m.station && open.detail) {
    const device = open.detail.devices.find((d) => d.id === m.device)
    if (device) {
      device.linkState = m.state
      const link = stationLinkOf(open.detail.devices)
      open.detail.linkState = link
      if (row) row.linkState = link
      return
    }
  }
  if (!row) return
  const next = stationLinkAfter(row.linkState, m.state)
  row.linkState = next.state
  if (next.refetch) scheduleRefetch(m.station)
}

/** Folds one station's pushed samples into the latest values (and the open station's panel). */
function mergeStation({ station: id, points }: StationValues): void {
  let station = latest.get(id)
  if (!station) latest.set(id, (station = new Map()))
  if (mergeUpdates(station, points, true) > 0) changes.set(id, changesOf(id) + 1)
  if (state.open?.id === id && state.open.detail) mergeUpdates(openPoints as Map<string, LatestValue>, points)
}

function scheduleRefetch(id: string): void {
  // Several devices of a station often change together: one fetch for the burst.
  if (refetchTimers.has(id)) return
  refetchTimers.set(
    id,
    setTimeout(async () => {
      refetchTimers.delete(id)
      try {
        const d = await fetchStation(id)
        const row = rowById(id)
        if (row) assignSummary(row, summaryOf(d))
      } catch {
        // the periodic station refresh corrects it
      }
    }, 300),
  )
}

function summaryOf(d: StationDetail): StationSummary {
  const { devices, ...summary } = d
  return { ...summary, linkState: devices ? stationLinkOf(devices) : summary.linkState }
}

let openRequest = 0

/** Opens a station in the panel (null closes it) and loads its detail. */
export async function openStation(id: string | null): Promise<void> {
  const request = ++openRequest
  if (id === null) {
    state.open = null
    openPoints = new Map()
    return
  }
  const reopening = state.open?.id === id
  if (!reopening) {
    state.open = { id, loading: true, error: null, detail: null }
    openPoints = new Map()
  }
  try {
    const d = await fetchStation(id)
    if (request !== openRequest || state.open?.id !== id) return
    const pushed = latest.get(id)
    const devices: OpenDevice[] = d.devices.map((dev) => ({
      ...dev,
      points: dev.points.map((p) => livePoint(p, pushed?.get(p.id))),
    }))
    state.open.detail = { ...d, devices }
    state.open.loading = false
    state.open.error = null
    const points = new Map<string, LivePoint>()
    for (const dev of state.open.detail.devices) for (const p of dev.points) points.set(p.id, p)
    openPoints = points
    const row = rowById(id)
    if (row) assignSummary(row, summaryOf(d))
  } catch (e) {
    if (request !== openRequest || state.open?.id !== id) return
    state.open.loading = false
    state.open.error = errorText(e)
  }
}

export function setSocketState(s: SocketState, retryAt: number | null): void {
  state.socket = s
  state.retryAt = retryAt
}

function rememberCommand(c: Command): void {
  state.commands.set(c.id, c)
  if (state.commands.size > MAX_COMMANDS) {
    const oldest = state.commands.keys().next().value
    if (oldest !== undefined) state.commands.delete(oldest)
  }
}

/** Loads the current alarms (replacing what pushes built up: the server's list is the truth). */
export async function loadAlarms(): Promise<void> {
  try {
    const list = await fetchAlarms()
    state.alarms = new Map(list.map((a) => [a.id, a]))
  } catch {
    // the next reconnect or resync fetches again; pushes keep the map current meanwhile
  }
}

export async function loadCommands(): Promise<void> {
  try {
    const list = await fetchCommands(MAX_COMMANDS)
    const next = new Map<string, Command>()
    for (const c of [...list].reverse()) next.set(c.id, c)
    state.commands = next
  } catch {
    // as above
  }
}

/** For tests: forget everything. */
export function resetState(): void {
  latest.clear()
  changes.clear()
  valuesPending = false
  displayBeat.reset()
  openPoints = new Map()
  for (const t of refetchTimers.values()) clearTimeout(t)
  refetchTimers.clear()
  Object.assign(state, emptyState())
}
