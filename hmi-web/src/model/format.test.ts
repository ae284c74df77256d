import { describe, expect, it } from 'vitest'
import { ageOf, decimalsFor, formatTime, formatUnit, formatValue } from './format'

describe('formatValue', () => {
  it('uses the measuring range for a stable number of decimals', () => {
    expect(formatValue(35.4, { unit: 'µg/m³', rangeLow: 0, rangeHigh: 1000 })).toBe('35')
    expect(formatValue(8.04, { unit: 'µg/m³', rangeLow: 0, rangeHigh: 1000 })).toBe('8')
    expect(formatValue(-3.26, { unit: '°C', rangeLow: -40, rangeHigh: 60 })).toBe('-3.3')
    expect(formatValue(7.126, { unit: '', rangeLow: 0, rangeHigh: 14 })).toBe('7.13')
    expect(formatValue(0.8456, { unit: 'mg/m³', rangeLow: 0, rangeHigh: 50 })).toBe('0.8')
    expect(formatValue(0.4567, { unit: 'mg/L', rangeLow: 0, rangeHigh: 10 })).toBe('0.46')
    expect(formatValue(0.0456, { unit: 'mg/L', rangeLow: 0, rangeHigh: 0.5 })).toBe('0.046')
    expect(formatValue(85.27, { unit: 'nGy/h', rangeLow: 0, rangeHigh: 100000 })).toBe('85')
  })

  it('keeps the width while a value moves within its range', () => {
    const pm = { unit: 'µg/m³', rangeLow: 0, rangeHigh: 1000 }
    expect(decimalsFor(9.9, pm)).toBe(decimalsFor(10.1, pm))
    const t = { unit: '°C', rangeLow: -40, rangeHigh: 60 }
    expect(formatValue(9.96, t)).toBe('10.0')
  })

  it('falls back to the magnitude without a range', () => {
    expect(formatValue(1234.5)).toBe('1235')
    expect(formatValue(123.45)).toBe('123.5')
    expect(formatValue(12.345)).toBe('12.3')
    expect(formatValue(1.2345)).toBe('1.23')
    expect(formatValue(0.12345)).toBe('0.123')
  })

  it('shows states and counters as integers', () => {
    expect(formatValue(3, { unit: '–', rangeLow: 0, rangeHigh: 2 })).toBe('3')
    expect(formatValue(1, { unit: '' })).toBe('1')
    expect(formatValue(12, { unit: '-', rangeLow: 0, rangeHigh: 65535 })).toBe('12')
  })

  it('shows wind direction in whole degrees', () => {
    expect(formatValue(271.6, { unit: '°', rangeLow: 0, rangeHigh: 360 })).toBe('272')
  })

  it('shows a dash for no value and never "-0"', () => {
    expect(formatValue(null)).toBe('—')
    expect(formatValue(undefined)).toBe('—')
    expect(formatValue(Number.NaN)).toBe('—')
    expect(formatValue(Number.POSITIVE_INFINITY)).toBe('—')
    expect(formatValue(-0.01, { unit: '°C', rangeLow: -40, rangeHigh: 60 })).toBe('0.0')
    expect(formatValue(-0.2, { unit: 'µg/m³', rangeLow: 0, rangeHigh: 1000 })).toBe('0')
  })
})

describe('formatUnit', () => {
  it('hides placeholders for "no unit"', () => {
    expect(formatUnit('–')).toBe('')
    expect(formatUnit(null)).toBe('')
    expect(formatUnit(' µg/m³ ')).toBe('µg/m³')
  })
})

describe('formatTime and ageOf', () => {
  const now = Date.parse('2026-11-28T08:00:00Z')

  it('shows HH:mm:ss in 24 h for recent times, with the date for old ones', () => {
    expect(formatTime(now - 5_000, now, 'zh-CN', 'Asia/Shanghai')).toBe('15:59:55')
    expect(formatTime(now - 5_000, now, 'en', 'Asia/Shanghai')).toBe('15:59:55')
    expect(formatTime(now - 3 * 86400_000, now, 'en', 'Asia/Shanghai')).toMatch(/11.25.*16:00:00/)
    expect(formatTime(null, now, 'en')).toBe('—')
  })

  it('gives the age in the largest whole unit', () => {
    expect(ageOf(now - 35_000, now)).toEqual({ amount: 35, unit: 's' })
    expect(ageOf(now - 119_000, now)).toEqual({ amount: 119, unit: 's' })
    expect(ageOf(now - 5 * 60_000, now)).toEqual({ amount: 5, unit: 'min' })
    expect(ageOf(now - 3 * 3600_000, now)).toEqual({ amount: 3, unit: 'h' })
    expect(ageOf(now - 3 * 86400_000, now)).toEqual({ amount: 3, unit: 'd' })
    expect(ageOf(now + 5_000, now)).toEqual({ amount: 0, unit: 's' })
  })
})
