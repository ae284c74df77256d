import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emergency, loadIncident, resetEmergency } from './emergencyState'
import { handleMessage, resetState } from './store'
import { parseServerMessage } from './live'
import type { OpenIncident, TimelineEvent } from './emergency'

const incident: OpenIncident = {
  id: 'DRILL-1',
  drill: true,
  type: 'nuclear-facility',
  class: 'standby',
  className: '应急待命',
  latitude: 38.33,
  longitude: 106.275,
  occurredAt: '2026-12-07T13:40:00Z',
  note: '',
  declaredAt: '2026-12-07T13:40:00Z',
  declaredBy: 'commander',
  endedAt: null,
  endedBy: null,
  open: true,
  checklist: [],
  highFrequencyStations: [],
  stationsInRange: [],
}

const event = (seq: number, kind: string, incidentId = 'DRILL-1', detail: Record<string, unknown> = {}): TimelineEvent => ({
  seq,
  time: '2026-12-07T13:40:00Z',
  incident: incidentId,
  kind,
  user: 'commander',
  text: kind,
  detail,
})

/** What the server answers now; each request is counted by path. */
let open: OpenIncident | null
let timeline: TimelineEvent[]
let requests: string[]

function push(e: TimelineEvent): void {
  const m = parseServerMessage(JSON.stringify({ type: 'incident-event', ...e }))
  expect(m).not.toBeNull()
  handleMessage(m!)
}

beforeEach(() => {
  resetState()
  resetEmergency()
  open = incident
  timeline = [event(1, 'DECLARED')]
  requests = []
  vi.stubGlobal('fetch', async (url: string) => {
    requests.push(url)
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
    if (url === '/api/incidents/current') return open ? json(200, open) : json(404, { error: 'no incident is open', status: 404 })
    if (url === '/api/incidents/DRILL-1/timeline') return json(200, timeline)
    if (url === '/api/incidents/current/plume') return json(404, { error: 'no plume estimate', status: 404 })
    return json(404, { error: 'not found', status: 404 })
  })
})

afterEach(() => {
  resetEmergency()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('the open incident', () => {
  it('is loaded with its timeline; pushed events join it once, in order', async () => {
    await loadIncident()
    expect(emergency.current?.id).toBe('DRILL-1')
    expect(emergency.timeline.map((e) => e.seq)).toEqual([1])
    push(event(3, 'NOTE'))
    push(event(2, 'NOTE'))
    push(event(3, 'NOTE'))
    expect(emergency.timeline.map((e) => e.seq)).toEqual([1, 2, 3])
  })

  it('is fetched again after an event that changes it (one fetch for a burst)', async () => {
    await loadIncident()
    vi.useFakeTimers()
    requests = []
    open = { ...incident, class: 'plant' }
    push(event(2, 'ESCALATED'))
    push(event(3, 'STEP'))
    push(event(4, 'NOTE'))
    await vi.advanceTimersByTimeAsync(300)
    vi.useRealTimers()
    await vi.waitFor(() => expect(emergency.current?.class).toBe('plant'))
    expect(requests.filter((r) => r === '/api/incidents/current')).toHaveLength(1)
  })

  it('that a push declares is fetched; one that ends is gone at once and stays at hand as ended', async () => {
    open = null
    await loadIncident()
    expect(emergency.current).toBeNull()
    open = incident
    push(event(1, 'DECLARED'))
    await vi.waitFor(() => expect(emergency.current?.id).toBe('DRILL-1'))
    push(event(2, 'ENDED', 'DRILL-1', { incident: { ...incident, open: false, endedAt: '2026-12-07T14:00:00Z', endedBy: 'commander' } }))
    expect(emergency.current).toBeNull()
    expect(emergency.ended).toMatchObject({ id: 'DRILL-1', endedBy: 'commander' })
    expect(emergency.timeline.at(-1)?.kind).toBe('ENDED')
  })

  it('events of another incident are not put on the open one\'s timeline', async () => {
    await loadIncident()
    push(event(7, 'NOTE', 'INC-2'))
    expect(emergency.timeline.map((e) => e.incident)).toEqual(['DRILL-1'])
  })
})
