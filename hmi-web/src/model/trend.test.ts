import { describe, expect, it } from 'vitest'
import { lastHour, trendSeries } from './trend'

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
