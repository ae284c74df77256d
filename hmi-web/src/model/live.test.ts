import { describe, expect, it } from 'vitest'
import {
  countGood,
  displayedGood,
  isNewer,
  livePoint,
  mergeUpdates,
  parseServerMessage,
  pointKey,
  stationLinkAfter,
  stationLinkOf,
  type LatestValue,
} from './live'

const NOW = Date.parse('2026-11-28T08:00:00Z')
const iso = (ms: number) => new Date(ms).toISOString()

describe('parseServerMessage', () => {
  it('reads a compact values message: all stations in one, point ids once, then [index, value, time, quality, flag] tuples', () => {
    const tables = new Map<string, readonly string[]>()
    const first = parseServerMessage(
      JSON.stringify({
        type: 'values',
        t0: NOW,
        stations: [
          {
            station: 'yc-xinghuayuan',
            ids: ['yc-xinghuayuan.aqm.pm25', 'yc-xinghuayuan.aqm.so2'],
            points: [
              [0, 35.2, 0, 'GOOD', 'N'],
              [1, null, -40, 'BAD_COMMUNICATION', 'N'],
            ],
          },
          { station: 'yc-gamma', ids: ['yc-gamma.gamma.dose-rate'], points: [[0, 86, 250, 'GOOD', 'N']] },
        ],
      }),
      tables,
    )
    expect(first).toEqual({
      type: 'values',
      stations: [
        {
          station: 'yc-xinghuayuan',
          points: [
            { id: 'yc-xinghuayuan.aqm.pm25', value: 35.2, quality: 'GOOD', flag: 'N', timeMs: NOW },
            { id: 'yc-xinghuayuan.aqm.so2', value: null, quality: 'BAD_COMMUNICATION', flag: 'N', timeMs: NOW - 40 },
          ],
        },
        { station: 'yc-gamma', points: [{ id: 'yc-gamma.gamma.dose-rate', value: 86, quality: 'GOOD', flag: 'N', timeMs: NOW + 250 }] },
      ],
    })
    const later = parseServerMessage('{"type":"values","t0":5000,"stations":[{"station":"yc-xinghuayuan","points":[[1,7.5,1,"GOOD","C"]]}]}', tables)
    expect(later).toEqual({
      type: 'values',
      stations: [{ station: 'yc-xinghuayuan', points: [{ id: 'yc-xinghuayuan.aqm.so2', value: 7.5, quality: 'GOOD', flag: 'C', timeMs: 5001 }] }],
    })
  })

  it('reads a link message', () => {
    expect(parseServerMessage('{"type":"link","station":"s","device":"s.aqm","state":"DISCONNECTED"}')).toEqual({
      type: 'link',
      station: 's',
      device: 's.aqm',
      state: 'DISCONNECTED',
    })
  })

  it('ignores junk and unknown message types', () => {
    expect(parseServerMessage('not json')).toBeNull()
    expect(parseServerMessage('[1,2]')).toBeNull()
    expect(parseServerMessage('{"type":"alarm","station":"s"}')).toBeNull()
    expect(parseServerMessage('{"type":"values","stations":[]}')).toBeNull()
    expect(parseServerMessage('{"type":"values","t0":0,"station":"s","points":[]}')).toBeNull()
    expect(parseServerMessage('{"type":"link","station":"s"}')).toBeNull()
  })

  it('drops malformed tuples, station entries and tuples of unknown points, and never invents a good quality', () => {
    const m = parseServerMessage('{"type":"values","t0":0,"stations":[{"station":"s","ids":["s.a.x"],"points":[{"id":"s.a.x"},[5,1,0,"GOOD","N"],["0"],[0,"7"]]},{"points":[]},7]}')
    expect(m).toEqual({ type: 'values', stations: [{ station: 's', points: [{ id: 's.a.x', value: null, quality: 'BAD', flag: 'N', timeMs: null }] }] })
  })
})

describe('mergeUpdates', () => {
  function table(): Map<string, LatestValue> {
    return new Map([['s.a.pm25', { value: 30, quality: 'GOOD', flag: 'N', timeMs: NOW - 3000 }]])
  }

  it('applies a newer sample in place', () => {
    const t = table()
    const held = t.get('s.a.pm25')!
    const n = mergeUpdates(t, [{ id: 's.a.pm25', value: 31.5, quality: 'GOOD', flag: 'C', timeMs: NOW }])
    expect(n).toBe(1)
    expect(t.get('s.a.pm25')).toBe(held)
    expect(held).toEqual({ value: 31.5, quality: 'GOOD', flag: 'C', timeMs: NOW })
  })

  it('never goes back in time', () => {
    const t = table()
    expect(mergeUpdates(t, [{ id: 's.a.pm25', value: 1, quality: 'GOOD', flag: 'N', timeMs: NOW - 10_000 }])).toBe(0)
    expect(mergeUpdates(t, [{ id: 's.a.pm25', value: 1, quality: 'GOOD', flag: 'N', timeMs: null }])).toBe(0)
    expect(t.get('s.a.pm25')!.value).toBe(30)
  })

  it('accepts a quality change at the same timestamp (e.g. comm loss marked on the last sample)', () => {
    const t = table()
    mergeUpdates(t, [{ id: 's.a.pm25', value: 30, quality: 'BAD_COMMUNICATION', flag: 'N', timeMs: NOW - 3000 }])
    expect(t.get('s.a.pm25')!.quality).toBe('BAD_COMMUNICATION')
  })

  it('ignores unknown points unless asked to create them', () => {
    const t = table()
    const u = [{ id: 's.a.so2', value: 5, quality: 'GOOD', flag: 'N', timeMs: NOW }]
    expect(mergeUpdates(t, u)).toBe(0)
    expect(t.has('s.a.so2')).toBe(false)
    expect(mergeUpdates(t, u, true)).toBe(1)
    expect(t.get('s.a.so2')).toEqual({ value: 5, quality: 'GOOD', flag: 'N', timeMs: NOW })
  })

  it('takes the last of several updates of one point in a frame', () => {
    const t = table()
    mergeUpdates(t, [
      { id: 's.a.pm25', value: 40, quality: 'GOOD', flag: 'N', timeMs: NOW - 1000 },
      { id: 's.a.pm25', value: 41, quality: 'GOOD', flag: 'N', timeMs: NOW },
    ])
    expect(t.get('s.a.pm25')!.value).toBe(41)
  })

  it('isNewer treats a missing held time as older than anything', () => {
    expect(isNewer(null, null)).toBe(true)
    expect(isNewer(5, null)).toBe(true)
    expect(isNewer(null, 5)).toBe(false)
  })
})

describe('good counts', () => {
  const latest = new Map<string, LatestValue>([
    ['a', { value: 1, quality: 'GOOD', flag: 'N', timeMs: NOW - 1000 }],
    ['b', { value: 1, quality: 'GOOD', flag: 'N', timeMs: NOW - 60_000 }],
    ['c', { value: 1, quality: 'BAD_COMMUNICATION', flag: 'N', timeMs: NOW - 1000 }],
  ])

  it('counts fresh GOOD samples only', () => {
    expect(countGood(latest.values(), NOW)).toBe(1)
  })

  it('shows the server count until pushes cover every point, then the live count', () => {
    expect(displayedGood(4, 4, latest, NOW)).toBe(4)
    expect(displayedGood(3, 3, latest, NOW)).toBe(1)
    expect(displayedGood(3, 3, undefined, NOW)).toBe(3)
    expect(displayedGood(0, 0, new Map(), NOW)).toBe(0)
  })
})

describe('link state', () => {
  it('applies a worse device state at once', () => {
    expect(stationLinkAfter('CONNECTED', 'DISCONNECTED')).toEqual({ state: 'DISCONNECTED', refetch: false })
    expect(stationLinkAfter('CONNECTED', 'CONNECTING')).toEqual({ state: 'CONNECTING', refetch: false })
    expect(stationLinkAfter('CONNECTED', 'CONNECTED')).toEqual({ state: 'CONNECTED', refetch: false })
  })

  it('keeps the shown state and asks for a refetch when one device gets better', () => {
    expect(stationLinkAfter('DISCONNECTED', 'CONNECTED')).toEqual({ state: 'DISCONNECTED', refetch: true })
  })

  it('treats an unknown state as the worst', () => {
    expect(stationLinkAfter('CONNECTED', 'FAULTED')).toEqual({ state: 'FAULTED', refetch: false })
    expect(stationLinkOf([{ linkState: 'CONNECTED' }, { linkState: 'WHATEVER' }])).toBe('WHATEVER')
  })

  it('takes the worst of all devices', () => {
    expect(stationLinkOf([{ linkState: 'CONNECTED' }, { linkState: 'CONNECTING' }])).toBe('CONNECTING')
    expect(stationLinkOf([{ linkState: 'CONNECTED' }, { linkState: 'CONNECTED' }])).toBe('CONNECTED')
    expect(stationLinkOf([])).toBe('DISCONNECTED')
  })
})

describe('livePoint and pointKey', () => {
  const p = { id: 's.aqm.pm25', name: 'PM2.5', unit: 'µg/m³', value: 30, quality: 'GOOD', flag: 'N', time: iso(NOW - 5000) }

  it('folds in a pushed sample that is newer than the fetched one', () => {
    expect(livePoint(p, { value: 33, quality: 'GOOD', flag: 'N', timeMs: NOW }).value).toBe(33)
    expect(livePoint(p, { value: 20, quality: 'GOOD', flag: 'N', timeMs: NOW - 9000 }).value).toBe(30)
    expect(livePoint(p).timeMs).toBe(NOW - 5000)
  })

  it('takes the last id segment as the label key', () => {
    expect(pointKey('yc-xinghuayuan.aqm.pm25')).toBe('pm25')
    expect(pointKey('plain')).toBe('plain')
  })
})
