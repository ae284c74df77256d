import { describe, expect, it } from 'vitest'
import { lastHour, stepFor, toCsv, trendSeries, zoomedWindow } from './trend'

const T0 = Date.parse('2026-11-28T07:00:00Z')
const row = (min: number, avg: number | null, count = 60) => ({
  time: new Date(T0 + min * 60_000).toISOString(),
  avg,
  min: avg === null ? null : avg - 1,
  max: avg === null ? null : avg + 1,
  count,
})

describe('trendSeries', () => {
  it('sorts rows and keeps min, avg and max aligned', () => {
    const s = trendSeries([row(1, 11), row(0, 10)], 60_000)
    expect(s.avg).toEqual([
      [T0, 10],
      [T0 + 60_000, 11],
    ])
    expect(s.min[0]).toEqual([T0, 9])
    expect(s.max[1]).toEqual([T0 + 60_000, 12])
  })

  it('breaks the line across missing minutes', () => {
    const s = trendSeries([row(0, 10), row(5, 12)], 60_000)
    expect(s.avg).toEqual([
      [T0, 10],
      [T0 + 60_000, null],
      [T0 + 5 * 60_000, 12],
    ])
  })

  it('treats empty buckets and bad times as no data', () => {
    const s = trendSeries([row(0, 10, 0), { time: 'junk', avg: 1, min: 1, max: 1, count: 1 }], 60_000)
    expect(s.avg).toEqual([[T0, null]])
  })

  it('asks for the last hour', () => {
    expect(lastHour(T0)).toEqual({ from: '2026-11-28T06:00:00.000Z', to: '2026-11-28T07:00:00.000Z' })
  })
})

describe('zoom steps and CSV', () => {
  it('picks the finest step that keeps a span to a few hundred rows', () => {
    expect(stepFor(3_600_000).step).toBe('10s')
    expect(stepFor(86_400_000).step).toBe('5m')
    expect(stepFor(7 * 86_400_000).step).toBe('1h')
    expect(stepFor(1e13).step).toBe('1d')
  })

  it('exports what is shown, one row per time, gaps left empty', () => {
    const t0 = Date.parse('2026-11-28T08:00:00Z')
    const csv = toCsv([
      { name: 'PM2.5 (µg/m³)', data: [[t0, 30], [t0 + 60_000, null]] },
      { name: 'a,b', data: [[t0 + 60_000, 2]] },
    ])
    expect(csv).toBe('time,PM2.5 (µg/m³),"a,b"\n2026-11-28T08:00:00.000Z,30,\n2026-11-28T08:01:00.000Z,,2\n')
  })
})

describe('zoom', () => {
  it('turns the zoomed percentages of the axis into the window to fetch', () => {
    expect(zoomedWindow({ from: 0, to: 86_400_000 }, 75, 100)).toEqual({ from: 64_800_000, to: 86_400_000 })
    expect(zoomedWindow({ from: 1000, to: 2000 }, 0, 100)).toEqual({ from: 1000, to: 2000 })
  })
})
