// Turns history rows into chart series with visible gaps where data is missing.

import type { HistoryRow } from './types'
import { parseTime } from './staleness'

export type SeriesPoint = [number, number | null]

export interface TrendSeries {
  avg: SeriesPoint[]
  min: SeriesPoint[]
  max: SeriesPoint[]
}

/**
 * Rows sorted by time; where consecutive rows are more than 1.5 steps apart a null is inserted
 * so the line breaks instead of drawing across a period with no data.
 */
export function trendSeries(rows: readonly HistoryRow[], stepMs: number): TrendSeries {
  const parsed = rows
    .map((r) => ({ t: parseTime(r.time), r }))
    .filter((x): x is { t: number; r: HistoryRow } => x.t !== null)
    .sort((a, b) => a.t - b.t)
  const out: TrendSeries = { avg: [], min: [], max: [] }
  let prev: number | null = null
  for (const { t, r } of parsed) {
    if (prev !== null && t - prev > stepMs * 1.5) {
      const gap = prev + stepMs
      out.avg.push([gap, null])
      out.min.push([gap, null])
      out.max.push([gap, null])
    }
    const ok = r.count > 0
    out.avg.push([t, ok ? num(r.avg) : null])
    out.min.push([t, ok ? num(r.min) : null])
    out.max.push([t, ok ? num(r.max) : null])
    prev = t
  }
  return out
}

function num(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/** The last hour, as the ISO strings the history endpoint takes. */
export function lastHour(now: number): { from: string; to: string } {
  return { from: new Date(now - 3600_000).toISOString(), to: new Date(now).toISOString() }
}
