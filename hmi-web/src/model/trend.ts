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

const STEPS: [string, number][] = [
  ['10s', 10_000],
  ['30s', 30_000],
  ['1m', 60_000],
  ['5m', 300_000],
  ['15m', 900_000],
  ['1h', 3_600_000],
  ['6h', 21_600_000],
  ['1d', 86_400_000],
]

/** The finest history step that keeps a span to at most {@code maxPoints} rows per point. */
export function stepFor(spanMs: number, maxPoints = 600): { step: string; ms: number } {
  for (const [step, ms] of STEPS) if (spanMs / ms <= maxPoints) return { step, ms }
  const [step, ms] = STEPS[STEPS.length - 1]
  return { step, ms }
}

/** The part of a window that a zoom to start–end percent of its axis shows. */
export function zoomedWindow(window: { from: number; to: number }, startPercent: number, endPercent: number): { from: number; to: number } {
  const span = window.to - window.from
  return { from: window.from + (span * startPercent) / 100, to: window.from + (span * endPercent) / 100 }
}

export interface CsvSeries {
  name: string
  data: readonly SeriesPoint[]
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** What the chart shows as CSV: one row per timestamp (ISO UTC), one column per series. */
export function toCsv(series: readonly CsvSeries[]): string {
  const times = new Set<number>()
  const byName = series.map((s) => new Map(s.data.filter(([, v]) => v !== null).map(([t, v]) => [t, v as number])))
  for (const m of byName) for (const t of m.keys()) times.add(t)
  const lines = [['time', ...series.map((s) => csvCell(s.name))].join(',')]
  for (const t of [...times].sort((a, b) => a - b)) {
    lines.push([new Date(t).toISOString(), ...byName.map((m) => (m.has(t) ? String(m.get(t)) : ''))].join(','))
  }
  return lines.join('\n') + '\n'
}
