import { describe, expect, it } from 'vitest'
import { isGoodNow, isStaleTime, parseTime, STALE_AFTER_MS, valueState } from './staleness'

const NOW = Date.parse('2026-11-28T08:00:00Z')

describe('valueState', () => {
  const fresh = NOW - 2_000

  it('shows a fresh GOOD value as good', () => {
    expect(valueState({ value: 35, quality: 'GOOD', timeMs: fresh }, NOW)).toBe('good')
  })

  it('calls a value stale after 10 s, not at 10 s', () => {
    expect(STALE_AFTER_MS).toBe(10_000)
    expect(valueState({ value: 35, quality: 'GOOD', timeMs: NOW - 10_000 }, NOW)).toBe('good')
    expect(valueState({ value: 35, quality: 'GOOD', timeMs: NOW - 10_001 }, NOW)).toBe('stale')
  })

  it('never treats a value without a source time as fresh', () => {
    expect(valueState({ value: 35, quality: 'GOOD', timeMs: null }, NOW)).toBe('stale')
  })

  it('treats a source time slightly in the future (clock skew) as fresh', () => {
    expect(valueState({ value: 35, quality: 'GOOD', timeMs: NOW + 3_000 }, NOW)).toBe('good')
  })

  it('shows every BAD_* quality as bad, even when fresh', () => {
    for (const q of ['BAD', 'BAD_COMMUNICATION', 'BAD_SENSOR_FAILURE', 'BAD_CONFIGURATION', 'BAD_OUT_OF_SERVICE']) {
      expect(valueState({ value: 35, quality: q, timeMs: fresh }, NOW)).toBe('bad')
    }
  })

  it('shows an unknown quality as bad, not good', () => {
    expect(valueState({ value: 35, quality: 'SOMETHING_NEW', timeMs: fresh }, NOW)).toBe('bad')
    expect(valueState({ value: 35, quality: '', timeMs: fresh }, NOW)).toBe('bad')
  })

  it('shows uncertain values as uncertain while fresh and stale once old', () => {
    expect(valueState({ value: 1, quality: 'UNCERTAIN', timeMs: fresh }, NOW)).toBe('uncertain')
    expect(valueState({ value: 1, quality: 'UNCERTAIN_LAST_USABLE', timeMs: fresh }, NOW)).toBe('uncertain')
    expect(valueState({ value: 1, quality: 'UNCERTAIN_LAST_USABLE', timeMs: NOW - 60_000 }, NOW)).toBe('stale')
  })

  it('bad wins over stale: the reason is more useful than the age', () => {
    expect(valueState({ value: 1, quality: 'BAD_COMMUNICATION', timeMs: NOW - 60_000 }, NOW)).toBe('bad')
  })

  it('a bad sample without a value (link lost) is bad, not waiting for data', () => {
    expect(valueState({ value: null, quality: 'BAD_COMMUNICATION', timeMs: fresh }, NOW)).toBe('bad')
    expect(valueState({ value: Number.NaN, quality: 'BAD_SENSOR_FAILURE', timeMs: fresh }, NOW)).toBe('bad')
  })

  it('has no data for null, NaN or waiting-for-initial-data', () => {
    expect(valueState({ value: null, quality: 'GOOD', timeMs: fresh }, NOW)).toBe('nodata')
    expect(valueState({ value: Number.NaN, quality: 'GOOD', timeMs: fresh }, NOW)).toBe('nodata')
    expect(valueState({ value: 0, quality: 'BAD_WAITING_FOR_INITIAL_DATA', timeMs: null }, NOW)).toBe('nodata')
  })
})

describe('isGoodNow / isStaleTime / parseTime', () => {
  it('counts only fresh GOOD samples', () => {
    expect(isGoodNow('GOOD', NOW - 1000, NOW)).toBe(true)
    expect(isGoodNow('GOOD', NOW - 11_000, NOW)).toBe(false)
    expect(isGoodNow('UNCERTAIN', NOW - 1000, NOW)).toBe(false)
    expect(isGoodNow('GOOD', null, NOW)).toBe(false)
  })

  it('honours a custom stale period', () => {
    expect(isStaleTime(NOW - 4_000, NOW, 3_000)).toBe(true)
  })

  it('parses ISO-8601 UTC and rejects junk', () => {
    expect(parseTime('2026-11-28T08:00:00Z')).toBe(NOW)
    expect(parseTime('2026-11-28T08:00:00.123456Z')).toBe(NOW + 123)
    expect(parseTime(null)).toBeNull()
    expect(parseTime('')).toBeNull()
    expect(parseTime('yesterday')).toBeNull()
  })
})
