// When a value may be shown as trustworthy. Operators must never read a stale or bad value as live.

/**
 * A value older than this (source timestamp) is stale. Drivers poll every few seconds; this is
 * about three poll periods, so one late poll does not grey the wall, a lost device does.
 */
export const STALE_AFTER_MS = 10_000

/** How a value is to be shown, from most to least trustworthy. */
export type ValueState = 'good' | 'uncertain' | 'stale' | 'bad' | 'nodata'

export interface Sampled {
  value: number | null | undefined
  quality: string
  /** Source time as epoch milliseconds, or null if the server sent none. */
  timeMs: number | null
}

/** Parses an ISO-8601 timestamp to epoch ms; null for null, empty or unparseable input. */
export function parseTime(iso: string | null | undefined): number | null {
  if (!iso) return null
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

export function isBadQuality(quality: string): boolean {
  return quality !== 'GOOD' && !quality.startsWith('UNCERTAIN')
}

export function isStaleTime(timeMs: number | null, now: number, staleAfterMs = STALE_AFTER_MS): boolean {
  // No source time: freshness cannot be shown, so it is not fresh. A source time in the
  // future (clock skew) counts as fresh: it is the newest the HMI has.
  return timeMs === null || now - timeMs > staleAfterMs
}

/**
 * The display state of a sample: no data, bad quality (any BAD_* or an unknown quality), stale
 * (source time older than {@link STALE_AFTER_MS}), uncertain, or good.
 */
export function valueState(s: Sampled, now: number, staleAfterMs = STALE_AFTER_MS): ValueState {
  if (s.quality === 'BAD_WAITING_FOR_INITIAL_DATA') return 'nodata'
  // A bad sample carries no value (comm loss, sensor fault): it must read as bad, not as "waiting".
  if (isBadQuality(s.quality)) return 'bad'
  if (s.value === null || s.value === undefined || !Number.isFinite(s.value)) return 'nodata'
  if (isStaleTime(s.timeMs, now, staleAfterMs)) return 'stale'
  if (s.quality.startsWith('UNCERTAIN')) return 'uncertain'
  return 'good'
}

/** Counts toward a station's "good points": GOOD quality and fresh. */
export function isGoodNow(quality: string, timeMs: number | null, now: number, staleAfterMs = STALE_AFTER_MS): boolean {
  return quality === 'GOOD' && !isStaleTime(timeMs, now, staleAfterMs)
}
