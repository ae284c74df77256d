import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { changesOf, DISPLAY_BEAT_MS, handleMessage, loadStations, openStation, resetState, state, tick } from './store'
import type { StationDetail, StationSummary } from './types'

const NOW = Date.parse('2026-11-28T08:00:00Z')
const iso = (ms: number) => new Date(ms).toISOString()

const summary = (id: string, extra: Partial<StationSummary> = {}): StationSummary => ({
  id,
  name: id,
  nameEn: id,
  kind: 'air-city',
  region: 'yinchuan',
  regionName: '银川市',
  latitude: 38.5,
  longitude: 106.2,
  linkState: 'CONNECTED',
  points: 2,
  goodPoints: 2,
  ...extra,
})

const detail = (id: string, linkA = 'CONNECTED', linkB = 'CONNECTED'): StationDetail => ({
  ...summary(id),
  devices: [
    {
      id: `${id}.aqm`,
      name: 'AQM',
      type: 'air-analyser-rack',
      protocol: 'modbus-tcp',
      linkState: linkA,
      points: [{ id: `${id}.aqm.pm25`, name: 'PM2.5', unit: 'µg/m³', rangeLow: 0, rangeHigh: 1000, value: 30, quality: 'GOOD', flag: 'N', time: iso(NOW - 2000) }],
    },
    {
      id: `${id}.met`,
      name: 'MET',
      type: 'weather',
      protocol: 'modbus-tcp',
      linkState: linkB,
      points: [{ id: `${id}.met.temperature`, name: '气温', unit: '°C', rangeLow: -40, rangeHigh: 60, value: 3.5, quality: 'GOOD', flag: 'N', time: iso(NOW - 2000) }],
    },
  ],
})

let routes: Record<string, unknown>
let calls: string[]

beforeEach(() => {
  resetState()
  calls = []
  routes = { '/api/stations': [summary('a'), summary('b', { region: 'shizuishan', regionName: '石嘴山市' })] }
  vi.stubGlobal('fetch', async (url: string) => {
    calls.push(url)
    const body = routes[url]
    if (body === undefined) return new Response('{}', { status: 404 })
    return new Response(JSON.stringify(body), { status: 200 })
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

const values = (station: string, points: [string, number | null, string, string, number][]) =>
  handleMessage({
    type: 'values',
    stations: [{ station, points: points.map(([id, value, quality, flag, timeMs]) => ({ id, value, quality, flag, timeMs })) }],
  })

describe('station list', () => {
  it('loads rows and keeps the same row objects on reload', async () => {
    await loadStations()
    expect(state.loaded).toBe(true)
    const rowA = state.stations[0]
    routes['/api/stations'] = [summary('a', { goodPoints: 1 }), summary('b')]
    await loadStations()
    expect(state.stations[0]).toBe(rowA)
    expect(rowA.goodPoints).toBe(1)
  })

  it('reports a failed load and keeps the last list', async () => {
    await loadStations()
    routes = {}
    await loadStations()
    expect(state.loadError).toMatch(/404/)
    expect(state.stations).toHaveLength(2)
  })
})

describe('pushed values', () => {
  it('counts good points live once every point of a station was pushed', async () => {
    await loadStations()
    values('a', [['a.aqm.pm25', 31, 'GOOD', 'N', NOW]])
    tick(NOW)
    expect(state.stations[0].good).toBe(2) // one of two pushed: still the server's count
    values('a', [['a.met.temperature', 3.6, 'BAD_SENSOR_FAILURE', 'D', NOW]])
    tick(NOW)
    expect(state.stations[0].good).toBe(1)
    tick(NOW + 11_000) // nothing new for 11 s: the remaining good point goes stale
    expect(state.stations[0].good).toBe(0)
  })

  it('updates the open station\'s points in place, ignoring older samples and other stations', async () => {
    await loadStations()
    routes['/api/stations/a'] = detail('a')
    await openStation('a')
    const pm = state.open!.detail!.devices[0].points[0]
    values('a', [['a.aqm.pm25', 33.3, 'GOOD', 'C', NOW]])
    expect(pm.value).toBe(33.3)
    expect(pm.flag).toBe('C')
    expect(pm.timeMs).toBe(NOW)
    values('a', [['a.aqm.pm25', 1, 'GOOD', 'N', NOW - 5000]])
    expect(pm.value).toBe(33.3)
    values('b', [['a.aqm.pm25', 99, 'GOOD', 'N', NOW + 1000]])
    expect(pm.value).toBe(33.3)
    expect(state.open!.detail!.devices[0].points[0]).toBe(pm)
  })

  it('folds samples pushed while the station was loading into its detail', async () => {
    await loadStations()
    routes['/api/stations/a'] = detail('a')
    const opening = openStation('a')
    values('a', [['a.aqm.pm25', 44, 'GOOD', 'N', NOW]])
    await opening
    expect(state.open!.detail!.devices[0].points[0].value).toBe(44)
  })
})

describe('link changes', () => {
  it('shows a device going down on its station at once', async () => {
    await loadStations()
    handleMessage({ type: 'link', station: 'a', device: 'a.aqm', state: 'DISCONNECTED' })
    expect(state.stations[0].linkState).toBe('DISCONNECTED')
    expect(calls).toEqual(['/api/stations'])
  })

  it('asks the server before showing a station as recovered', async () => {
    vi.useFakeTimers()
    await loadStations()
    handleMessage({ type: 'link', station: 'a', device: 'a.aqm', state: 'DISCONNECTED' })
    routes['/api/stations/a'] = detail('a', 'CONNECTED', 'DISCONNECTED')
    handleMessage({ type: 'link', station: 'a', device: 'a.aqm', state: 'CONNECTED' })
    handleMessage({ type: 'link', station: 'a', device: 'a.aqm', state: 'CONNECTED' })
    expect(state.stations[0].linkState).toBe('DISCONNECTED')
    await vi.runAllTimersAsync()
    expect(calls.filter((c) => c === '/api/stations/a')).toHaveLength(1)
    expect(state.stations[0].linkState).toBe('DISCONNECTED') // the other device is still down
    routes['/api/stations/a'] = detail('a')
    handleMessage({ type: 'link', station: 'a', device: 'a.met', state: 'CONNECTED' })
    await vi.runAllTimersAsync()
    expect(state.stations[0].linkState).toBe('CONNECTED')
  })

  it('updates the open station\'s device and station state exactly', async () => {
    await loadStations()
    routes['/api/stations/a'] = detail('a', 'CONNECTED', 'DISCONNECTED')
    await openStation('a')
    expect(state.stations[0].linkState).toBe('DISCONNECTED')
    handleMessage({ type: 'link', station: 'a', device: 'a.met', state: 'CONNECTED' })
    expect(state.open!.detail!.devices[1].linkState).toBe('CONNECTED')
    expect(state.open!.detail!.linkState).toBe('CONNECTED')
    expect(state.stations[0].linkState).toBe('CONNECTED')
  })
})

describe('opening and closing', () => {
  it('shows a load error for a station that cannot be fetched, and closes', async () => {
    await openStation('nowhere')
    expect(state.open!.error).toMatch(/404/)
    await openStation(null)
    expect(state.open).toBeNull()
  })

  it('a slow answer for a station closed meanwhile does not reopen it', async () => {
    routes['/api/stations/a'] = detail('a')
    const p = openStation('a')
    await openStation(null)
    await p
    expect(state.open).toBeNull()
  })
})

describe('changes per station', () => {
  it('counts a station up when its samples change, not for an older sample or another station', () => {
    const before = changesOf('s1')
    values('s1', [['s1.aqm.pm25', 31, 'GOOD', 'N', NOW]])
    expect(changesOf('s1')).toBe(before + 1)
    values('s1', [['s1.aqm.pm25', 29, 'GOOD', 'N', NOW - 5000]])
    expect(changesOf('s1')).toBe(before + 1)
    values('s2', [['s2.aqm.pm25', 31, 'GOOD', 'N', NOW]])
    expect(changesOf('s1')).toBe(before + 1)
  })
})

describe('the display beat', () => {
  it('brings pushed values and the time to the displays together, in one frame, at most once a second', () => {
    const start = Date.now() + 60_000
    vi.useFakeTimers({ now: start })
    const before = state.valuesVersion
    values('a', [['a.aqm.pm25', 31, 'GOOD', 'N', start]])
    values('a', [['a.aqm.pm25', 32, 'GOOD', 'N', start + 50]])
    expect(state.valuesVersion).toBe(before) // not yet: at the next frame
    vi.advanceTimersByTime(20)
    expect(state.valuesVersion).toBe(before + 1) // the first values after a quiet second go at once
    expect(state.now).toBeGreaterThanOrEqual(start + 16) // and the time with them
    const beatAt = state.now
    values('a', [['a.aqm.pm25', 33, 'GOOD', 'N', start + 300]])
    vi.advanceTimersByTime(DISPLAY_BEAT_MS / 2)
    expect(state.valuesVersion).toBe(before + 1)
    expect(state.now).toBe(beatAt)
    vi.advanceTimersByTime(DISPLAY_BEAT_MS / 2 + 20)
    expect(state.valuesVersion).toBe(before + 2) // never dropped, one beat later
    expect(state.now).toBeGreaterThanOrEqual(beatAt + DISPLAY_BEAT_MS)
    vi.advanceTimersByTime(5 * DISPLAY_BEAT_MS)
    expect(state.valuesVersion).toBe(before + 2) // no values, no value beat
  })
})
