import { describe, expect, it } from 'vitest'
import type { LatestValue } from './live'
import { StationViews, viewHoldsUntil, type ViewSources } from './looks'
import { STALE_AFTER_MS } from './staleness'
import type { AlarmLike } from './stationState'
import type { StationRow } from './store'

const NOW = Date.parse('2026-12-07T12:00:00Z')

function row(id: string, extra: Partial<StationRow> = {}): StationRow {
  return { id, name: id, kind: 'air-city', region: 'yinchuan', latitude: 38.5, longitude: 106.2, linkState: 'CONNECTED', points: 1, goodPoints: 1, good: 1, ...extra } as StationRow
}

/** A site whose samples, alarms and change counts the test sets, as the store does. */
class Site {
  samples = new Map<string, Map<string, LatestValue>>()
  alarms = new Map<string, AlarmLike[]>()
  changes = new Map<string, number>()
  /** How many stations had their samples read (= views computed). */
  reads = 0

  push(station: string, value: number, timeMs: number) {
    this.samples.set(station, new Map([[`${station}.aqm.pm25`, { value, quality: 'GOOD', flag: 'N', timeMs }]]))
    this.changes.set(station, (this.changes.get(station) ?? 0) + 1)
  }

  sources(now: number, live = true): ViewSources {
    return {
      now,
      live,
      alarmsOf: (id) => this.alarms.get(id) ?? [],
      changesOf: (id) => this.changes.get(id) ?? 0,
      latestOf: (id) => {
        this.reads++
        return this.samples.get(id)
      },
    }
  }
}

describe('station views', () => {
  const rows = [row('a'), row('b'), row('c')]

  function started() {
    const site = new Site()
    for (const r of rows) site.push(r.id, 30, NOW)
    const views = new StationViews()
    const first = views.views(rows, site.sources(NOW))
    site.reads = 0
    return { site, views, first }
  }

  it('computes again only the station whose samples changed, and keeps the others', () => {
    const { site, views, first } = started()
    site.push('b', 42, NOW + 500)
    const next = views.views(rows, site.sources(NOW + 600))
    expect(site.reads).toBe(1)
    expect(next).not.toBe(first)
    expect(next[0]).toBe(first[0])
    expect(next[2]).toBe(first[2])
    expect(next[1].keyText).toBe('42 µg/m³')
  })

  it('returns the same list when nothing changed, so nothing downstream re-renders', () => {
    const { site, views, first } = started()
    expect(views.views(rows, site.sources(NOW + 1000))).toBe(first)
    expect(site.reads).toBe(0)
  })

  it('keeps a view whose new samples show the same', () => {
    const { site, views, first } = started()
    site.push('a', 30, NOW + 1000)
    expect(views.views(rows, site.sources(NOW + 1000))).toBe(first)
    expect(site.reads).toBe(1)
  })

  it('turns a station stale once its newest sample is older than the staleness limit, without a push', () => {
    const { site, views, first } = started()
    expect(views.views(rows, site.sources(NOW + STALE_AFTER_MS))).toBe(first)
    const later = views.views(rows, site.sources(NOW + STALE_AFTER_MS + 1))
    expect(later.map((v) => v.look.condition)).toEqual(['stale', 'stale', 'stale'])
    expect(later.map((v) => v.keyState)).toEqual(['stale', 'stale', 'stale'])
  })

  it('follows alarms, link and connection changes', () => {
    const { site, views } = started()
    site.alarms.set('a', [{ station: 'a', priority: 2, state: 'UNACKNOWLEDGED_ACTIVE' }])
    let v = views.views(rows, site.sources(NOW + 100))
    expect(v[0].look).toMatchObject({ condition: 'alarm', priority: 2, unacknowledged: true })
    expect(site.reads).toBe(1)

    const offline = rows.map((r) => (r.id === 'c' ? { ...r, linkState: 'DISCONNECTED' } : r))
    v = views.views(offline, site.sources(NOW + 200))
    expect(v[2].look.condition).toBe('offline')

    v = views.views(offline, site.sources(NOW + 300, false))
    expect(v[1].look.condition).toBe('stale')
    expect(v[1].keyState).toBe('stale')
  })

  it('forgets stations that left the list', () => {
    const { site, views } = started()
    const v = views.views([rows[1]], site.sources(NOW))
    expect(v.map((x) => x.row.id)).toEqual(['b'])
    expect(views.views(rows, site.sources(NOW)).map((x) => x.row.id)).toEqual(['a', 'b', 'c'])
  })

  it('holds a view until its first fresh sample turns stale', () => {
    const points = new Map<string, LatestValue>([
      ['x.a', { value: 1, quality: 'GOOD', flag: 'N', timeMs: NOW - 4000 }],
      ['x.b', { value: 1, quality: 'GOOD', flag: 'N', timeMs: NOW - 1000 }],
      ['x.c', { value: 1, quality: 'GOOD', flag: 'N', timeMs: NOW - STALE_AFTER_MS - 5 }],
      ['x.d', { value: 1, quality: 'GOOD', flag: 'N', timeMs: null }],
    ])
    expect(viewHoldsUntil(points, NOW)).toBe(NOW - 4000 + STALE_AFTER_MS + 1)
    expect(viewHoldsUntil(undefined, NOW)).toBe(Number.POSITIVE_INFINITY)
  })
})
