// The open incident as the HMI holds it: fetched over REST at start and after a reconnect, then kept
// current by the server's "incident-event" pushes (the timeline grows event by event; what the
// event changes about the incident, its checklist and the plume estimate is fetched again).

import { reactive } from 'vue'
import { errorText, fetchCurrentIncident, fetchPlume, fetchTimeline } from '../api'
import { changesIncident, withEvent, type Incident, type IncidentEventMessage, type OpenIncident, type PlumeEstimate, type TimelineEvent } from './emergency'

/**
 * The server recomputes the plume estimate every 5 s as data arrives; while an incident is open the
 * HMI fetches it this often, and every 5 s until there is a first one.
 */
export const PLUME_REFRESH_MS = 15_000
const PLUME_FIRST_MS = 5_000

export interface EmergencyState {
  /** Whether the server was asked at least once. */
  loaded: boolean
  error: string | null
  current: OpenIncident | null
  /** The incident that ended last while this page was open (its export stays at hand). */
  ended: Incident | null
  /** The timeline of the open incident, in order. */
  timeline: TimelineEvent[]
  plume: PlumeEstimate | null
}

export const emergency: EmergencyState = reactive({ loaded: false, error: null, current: null, ended: null, timeline: [], plume: null })

let incidentRequest = 0
let plumeRequest = 0
let plumeTimer: ReturnType<typeof setInterval> | undefined
let plumeFetchedAt = 0

/** Fetches the open incident, its timeline and its plume estimate. */
export async function loadIncident(): Promise<void> {
  const request = ++incidentRequest
  try {
    const current = await fetchCurrentIncident()
    if (request !== incidentRequest) return
    const changedIncident = current?.id !== emergency.current?.id
    emergency.current = current
    emergency.loaded = true
    emergency.error = null
    if (!current) {
      if (!emergency.ended) emergency.timeline = []
      emergency.plume = null
      stopPlumeRefresh()
      return
    }
    if (changedIncident) {
      emergency.ended = null
      emergency.timeline = []
      emergency.plume = null
    }
    startPlumeRefresh()
    const events = await fetchTimeline(current.id)
    if (request !== incidentRequest || emergency.current?.id !== current.id) return
    // pushes that arrived meanwhile are kept
    let merged = events
    for (const e of emergency.timeline) merged = withEvent(merged, e)
    emergency.timeline = merged
  } catch (e) {
    if (request === incidentRequest) emergency.error = errorText(e)
  }
}

export async function loadPlume(): Promise<void> {
  const request = ++plumeRequest
  plumeFetchedAt = Date.now()
  try {
    const plume = await fetchPlume()
    if (request === plumeRequest) emergency.plume = emergency.current ? plume : null
  } catch {
    // the next refresh tries again; the last estimate stays on screen meanwhile
  }
}

function startPlumeRefresh(): void {
  void loadPlume()
  if (plumeTimer) return
  plumeTimer = setInterval(() => {
    if (!emergency.plume || Date.now() - plumeFetchedAt >= PLUME_REFRESH_MS - PLUME_FIRST_MS / 2) void loadPlume()
  }, PLUME_FIRST_MS)
}

function stopPlumeRefresh(): void {
  clearInterval(plumeTimer)
  plumeTimer = undefined
}

let refetchTimer: ReturnType<typeof setTimeout> | undefined

/** Several events often come together (a declaration and its orders): one fetch for the burst. */
function scheduleReload(): void {
  if (refetchTimer) return
  refetchTimer = setTimeout(() => {
    refetchTimer = undefined
    void loadIncident()
  }, 250)
}

/** A pushed timeline event. */
export function handleIncidentEvent(m: IncidentEventMessage): void {
  const { type: _type, ...event } = m
  const open = emergency.current
  if (event.kind === 'ENDED') {
    if (open && open.id === event.incident) {
      const ended = event.detail.incident as Incident | undefined
      emergency.ended = ended && typeof ended.id === 'string' ? ended : { ...open, open: false, endedAt: event.time, endedBy: event.user }
      emergency.current = null
      emergency.timeline = withEvent(emergency.timeline, event)
      emergency.plume = null
      stopPlumeRefresh()
    }
    return
  }
  if ((open ?? emergency.ended)?.id === event.incident) emergency.timeline = withEvent(emergency.timeline, event)
  if (!open || open.id !== event.incident || changesIncident(event.kind)) scheduleReload()
  if (event.kind === 'PLUME') void loadPlume()
}

/** For tests and sign-out: forget everything. */
export function resetEmergency(): void {
  stopPlumeRefresh()
  clearTimeout(refetchTimer)
  refetchTimer = undefined
  incidentRequest++
  plumeRequest++
  Object.assign(emergency, { loaded: false, error: null, current: null, ended: null, timeline: [], plume: null })
}
