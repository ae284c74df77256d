// Number and time formatting for the wall display: stable widths, no spurious precision.

export interface Scale {
  unit?: string | null
  rangeLow?: number | null
  rangeHigh?: number | null
}

const NO_UNIT = new Set(['', '-', '–', '—'])

function finite(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n)
}

/**
 * Decimals for a point. From the measuring range when known, so a value keeps its width while
 * it moves (PM2.5 0–1000 → 0, temperature −40–60 → 1, pH 0–14 → 2, TP 0–0.5 → 3); from the
 * value's magnitude otherwise. Counters and states (no unit, small integer range, integer value)
 * show no decimals; directions in degrees neither.
 */
export function decimalsFor(value: number, scale: Scale = {}): number {
  const unit = (scale.unit ?? '').trim()
  if (unit === '°') return 0
  const low = scale.rangeLow
  const high = scale.rangeHigh
  const hasRange = finite(low) && finite(high) && high > low
  if (NO_UNIT.has(unit) && Number.isInteger(value)) {
    if (!hasRange || (Number.isInteger(low) && Number.isInteger(high) && high - low <= 16)) return 0
  }
  const span = hasRange ? high - low : Math.abs(value)
  if (span >= 500) return 0
  if (span >= 50) return 1
  if (span >= 5) return hasRange ? 2 : 1
  if (span >= 1) return 2
  return 3
}

/** The value as text, or an em dash when there is none. Never "-0". */
export function formatValue(value: number | null | undefined, scale: Scale = {}): string {
  if (!finite(value)) return '—'
  const text = value.toFixed(decimalsFor(value, scale))
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text
}

/** The unit as shown; placeholders for "no unit" show nothing. */
export function formatUnit(unit: string | null | undefined): string {
  const u = (unit ?? '').trim()
  return NO_UNIT.has(u) ? '' : u
}

const timeFormats = new Map<string, Intl.DateTimeFormat>()

function dateTimeFormat(locale: string, withDate: boolean, timeZone?: string): Intl.DateTimeFormat {
  const key = `${locale}|${withDate}|${timeZone ?? ''}`
  let f = timeFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      ...(withDate ? { month: '2-digit', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZone,
    })
    timeFormats.set(key, f)
  }
  return f
}

/** Source time as HH:mm:ss, with the date when it is not within the last 12 hours. */
export function formatTime(timeMs: number | null, now: number, locale: string, timeZone?: string): string {
  if (timeMs === null) return '—'
  const withDate = Math.abs(now - timeMs) > 12 * 3600_000
  return dateTimeFormat(locale, withDate, timeZone).format(timeMs)
}

export interface Age {
  amount: number
  unit: 's' | 'min' | 'h' | 'd'
}

/** How old a value is, in the largest whole unit (for "35 s ago", "3 min ago"). */
export function ageOf(timeMs: number, now: number): Age {
  const s = Math.max(0, Math.floor((now - timeMs) / 1000))
  if (s < 120) return { amount: s, unit: 's' }
  const min = Math.floor(s / 60)
  if (min < 120) return { amount: min, unit: 'min' }
  const h = Math.floor(min / 60)
  if (h < 48) return { amount: h, unit: 'h' }
  return { amount: Math.floor(h / 24), unit: 'd' }
}
