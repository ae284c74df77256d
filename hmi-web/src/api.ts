// REST client for the server's /api. Every request carries the session token as
// "Authorization: Bearer <token>"; a 401 tells the app the session is over (see onUnauthorized).

import { token } from './session'
import type { Alarm, Command, History, StationDetail, StationSummary } from './model/types'
import type { Incident, OpenIncident, PlanStep, PlumeEstimate, TimelineEvent } from './model/emergency'
import type { Fix, RegisteredSource, VehicleNow } from './model/mobile'
import type { StationAqi } from './model/aqi'
import type { ReportJob, ReportRequest, ReportRevision, ReportScopeOption } from './model/reportJob'

const TIMEOUT_MS = 10_000

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** The JSON body of a refusal ({error, status, command?}). */
    readonly body?: Record<string, unknown>,
  ) {
    super(message)
  }
}

let unauthorized: () => void = () => {}

/** What to do when the server answers 401 (the app sends the user to the login page). */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, as: 'json' | 'text' | 'blob' = 'json', timeoutMs = TIMEOUT_MS): Promise<T> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), timeoutMs)
  const onAbort = () => timeout.abort()
  signal?.addEventListener('abort', onAbort)
  const headers: Record<string, string> = { Accept: 'application/json' }
  const t = token()
  if (t) headers.Authorization = `Bearer ${t}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  try {
    const res = await fetch(path, {
      method,
      signal: timeout.signal,
      headers,
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) {
      let json: Record<string, unknown> | undefined
      try {
        json = (await res.json()) as Record<string, unknown>
      } catch {
        json = undefined
      }
      if (res.status === 401 && path !== '/api/login') unauthorized()
      const reason = typeof json?.error === 'string' ? json.error : `HTTP ${res.status}`
      throw new ApiError(reason, res.status, json)
    }
    if (res.status === 204) return undefined as T
    return (as === 'json' ? await res.json() : as === 'blob' ? await res.blob() : await res.text()) as T
  } catch (e) {
    if (e instanceof ApiError) throw e
    if (timeout.signal.aborted && !signal?.aborted) throw new ApiError(`timeout ${path}`)
    throw e
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, undefined, signal)
}

function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return request<T>('POST', path, body)
}

/** A file the server makes on request; it may take a while. */
function requestBlob(path: string): Promise<Blob> {
  return request<Blob>('GET', path, undefined, undefined, 'blob', 60_000)
}

const enc = encodeURIComponent

export interface LoginAnswer {
  token: string
  user: string
  roles: string[]
  idleTimeoutSeconds: number
}

export function login(user: string, password: string): Promise<LoginAnswer> {
  return postJson('/api/login', { user, password })
}

export function logout(): Promise<void> {
  return postJson('/api/logout')
}

export function fetchMe(): Promise<{ user: string; roles: string[] }> {
  return getJson('/api/me')
}

export function fetchStations(signal?: AbortSignal): Promise<StationSummary[]> {
  return getJson('/api/stations', signal)
}

export function fetchStation(id: string, signal?: AbortSignal): Promise<StationDetail> {
  return getJson(`/api/stations/${enc(id)}`, signal)
}

export function fetchHistory(pointId: string, from: string, to: string, step = '1m', signal?: AbortSignal): Promise<History> {
  const q = new URLSearchParams({ from, to, step })
  return getJson(`/api/points/${enc(pointId)}/history?${q}`, signal)
}

export interface AlarmFilter {
  station?: string
  region?: string
  priority?: string
  state?: string
}

export function fetchAlarms(filter: AlarmFilter = {}): Promise<Alarm[]> {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v)
  const query = q.toString()
  return getJson(`/api/alarms${query ? `?${query}` : ''}`)
}

export interface AlarmTransitionRow extends Alarm {
  time: string
  user?: string | null
  origin?: string | null
  reason?: string | null
}

export function fetchAlarmHistory(from: string, to: string, station?: string): Promise<{ rows: AlarmTransitionRow[] }> {
  const q = new URLSearchParams({ from, to, limit: '500' })
  if (station) q.set('station', station)
  return getJson(`/api/alarms/history?${q}`)
}

export interface AlarmKpi {
  annunciations: number
  averagePer10Minutes: number
  maxPer10Minutes: number
  floodThresholdPer10Minutes: number
  timeInFloodPercent: number
  badActors: { id: string; count: number }[]
  chattering: { id: string; count: number }[]
  stale: Alarm[]
  shelved: Alarm[]
  per10Minutes: { start: string; count: number }[]
}

export function fetchAlarmKpi(hours = 24): Promise<AlarmKpi> {
  return getJson(`/api/alarms/kpi?hours=${hours}`)
}

export interface Background {
  station: string
  point: string
  mean: number | null
  sigma: number | null
  ready: boolean
}

export function fetchBackgrounds(): Promise<Background[]> {
  return getJson('/api/alarms/backgrounds')
}

export function acknowledgeAlarm(id: string, comment: string): Promise<Alarm> {
  return postJson(`/api/alarms/${enc(id)}/acknowledge`, { comment })
}

export function shelveAlarm(id: string, minutes: number, reason: string): Promise<Alarm> {
  return postJson(`/api/alarms/${enc(id)}/shelve`, { minutes, reason })
}

export function unshelveAlarm(id: string, reason: string): Promise<Alarm> {
  return postJson(`/api/alarms/${enc(id)}/unshelve`, { reason })
}

export interface OfferedCommand {
  id: string
  kind: string
  name: string
  durationSeconds: number
  role: string
  parameters: { name: string; required: boolean; min: number; max: number; unit: string; description: string }[]
}

export function fetchDeviceCommands(deviceId: string): Promise<OfferedCommand[]> {
  return getJson(`/api/devices/${enc(deviceId)}/commands`)
}

export function selectCommand(device: string, command: string, parameters: Record<string, number>): Promise<Command> {
  return postJson('/api/commands', { device, command, parameters })
}

export function operateCommand(id: string): Promise<Command> {
  return postJson(`/api/commands/${enc(id)}/operate`)
}

export function cancelCommand(id: string): Promise<Command> {
  return postJson(`/api/commands/${enc(id)}/cancel`)
}

export function fetchCommands(limit = 100): Promise<Command[]> {
  return getJson(`/api/commands?limit=${limit}`)
}

/** The SVG mimic for a station kind's drawing (the station's own drawing when the site has one). */
export function fetchMimic(name: string, station: string): Promise<string> {
  return request('GET', `/api/mimics/${enc(name)}?station=${enc(station)}`, undefined, undefined, 'text')
}

// --- emergency platform ---

export interface Declaration {
  drill: boolean
  type: string
  class: string
  latitude: number
  longitude: number
  note?: string
  /** Entered weather; without it the wind of the nearest station that measures it is taken. */
  weather?: { windSpeed: number; windFrom: number }
  /** Bq/s; without it the rate is fitted to the stations. */
  releaseRate?: number
}

export function fetchIncidents(): Promise<Incident[]> {
  return getJson('/api/incidents')
}

/** What the server has at {@code path}, or null when it answers 404 (nothing there now). */
async function getJsonOrNull<T>(path: string): Promise<T | null> {
  try {
    return await getJson<T>(path)
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null
    throw e
  }
}

/** The open incident, or null when none is open. */
export function fetchCurrentIncident(): Promise<OpenIncident | null> {
  return getJsonOrNull('/api/incidents/current')
}

export function fetchTimeline(id: string): Promise<TimelineEvent[]> {
  return getJson(`/api/incidents/${enc(id)}/timeline`)
}

/** The plume estimate (contours, no grid), or null when there is none yet. */
export function fetchPlume(): Promise<PlumeEstimate | null> {
  return getJsonOrNull('/api/incidents/current/plume')
}

export function declareIncident(d: Declaration): Promise<Incident> {
  return postJson('/api/incidents', d)
}

export function changeIncidentClass(emergencyClass: string): Promise<Incident> {
  return postJson('/api/incidents/current/class', { class: emergencyClass })
}

export function endIncident(note: string): Promise<Incident> {
  return postJson('/api/incidents/current/end', note ? { note } : {})
}

export function completeStep(step: string, comment: string): Promise<PlanStep> {
  return postJson(`/api/incidents/current/checklist/${enc(step)}`, comment ? { comment } : {})
}

export function orderDownwindSamplers(): Promise<{ stations: string[] }> {
  return postJson('/api/incidents/current/orders/downwind-samplers')
}

/**
 * The incident's dose-rate data as EURDEP, to download (a plain link cannot carry the token). The
 * server reads the historian and checks the message against the schema first: it may take a while.
 */
export async function downloadEurdep(id: string): Promise<Blob> {
  const text = await request<string>('GET', `/api/incidents/${enc(id)}/eurdep`, undefined, undefined, 'text', 60_000)
  return new Blob([text], { type: 'text/plain' })
}

/** Hands a file made in the page to the browser's downloads. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

export function fetchVehicles(): Promise<VehicleNow[]> {
  return getJson('/api/vehicles')
}

/** A vehicle's positions with their dose rates since `from`. */
export async function fetchTrack(id: string, from: Date): Promise<Fix[]> {
  const answer = await getJson<{ fixes: Fix[] }>(`/api/vehicles/${enc(id)}/track?from=${enc(from.toISOString())}`)
  return answer.fixes
}

export function fetchSources(): Promise<RegisteredSource[]> {
  return getJson('/api/sources')
}

/** Opens an incident (or drill) from the alarm of a registered source's monitor. */
export function openIncidentFromAlarm(alarm: string, emergencyClass: string, drill: boolean): Promise<Incident> {
  return postJson('/api/incidents/from-alarm', { alarm, class: emergencyClass, drill })
}

// --- data products, validation and reports ---

/** The hourly AQI of the last ended hour of every air station that has one. */
export function fetchStationAqi(): Promise<{ start: string; end: string; rows: StationAqi[] }> {
  return getJson('/api/aqi/stations')
}

export interface WaterClass {
  station: string
  day: string
  /** The section's class label (Ⅰ … 劣Ⅴ), null when no parameter had a valid daily mean. */
  class: string | null
  determining?: string[]
  missing?: string[]
}

export function fetchWaterClass(station: string): Promise<WaterClass> {
  return getJson(`/api/water/${enc(station)}/class`)
}

export interface RawSample {
  time: string
  value: number | null
  quality: string
  flag: string
  rules: string[]
}

export interface ValidatedMean {
  start: string
  end: string
  value: number | null
  valid: boolean
  captureRate: number
}

export interface ValidationRecord {
  id: string
  point: string
  from: string
  to: string
  action: 'invalidate' | 'correct'
  value: number | null
  reason: string
  user: string
  recorded: string
}

export function fetchRaw(point: string, from: string, to: string): Promise<{ unit: string; samples: RawSample[] }> {
  const q = new URLSearchParams({ from, to })
  return getJson(`/api/points/${enc(point)}/raw?${q}`)
}

export function fetchValidated(point: string, from: string, to: string): Promise<{ unit: string; means: ValidatedMean[]; validations: ValidationRecord[] }> {
  const q = new URLSearchParams({ from, to, period: '1h' })
  return getJson(`/api/points/${enc(point)}/validated?${q}`)
}

export interface ValidationRequest {
  point: string
  from: string
  to: string
  action: 'invalidate' | 'correct'
  value?: number
  reason: string
}

export function recordValidation(v: ValidationRequest): Promise<ValidationRecord> {
  return postJson('/api/validations', v)
}

export function fetchReports(): Promise<{ reports: ReportRevision[] }> {
  return getJson('/api/reports')
}

export function submitReportJob(body: ReportRequest): Promise<ReportJob> {
  return postJson('/api/report-jobs', body)
}

export function fetchReportScopes(): Promise<{ scopes: ReportScopeOption[] }> {
  return getJson('/api/report-scopes')
}

export function fetchReportJob(id: string): Promise<ReportJob> {
  return getJson(`/api/report-jobs/${enc(id)}`)
}

/** A report's file, to download (a plain link cannot carry the token). */
export function downloadReport(id: string, format: 'pdf' | 'xlsx'): Promise<Blob> {
  return requestBlob(`/api/reports/${enc(id)}/${format}`)
}
