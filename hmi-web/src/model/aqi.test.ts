import { describe, expect, it } from 'vitest'
import { AQI_CATEGORIES, AQI_COLOURS, aqiAbnormal, aqiColour, aqiLevel, aqiText, type StationAqi } from './aqi'

function at(aqi: number, category: string): StationAqi {
  return { station: 's', aqi, primary: ['PM2.5'], category }
}

describe('hourly AQI on the HMI', () => {
  it('numbers the six HJ 633 categories 1 to 6, an unknown one 0', () => {
    expect(AQI_CATEGORIES.map(aqiLevel)).toEqual([1, 2, 3, 4, 5, 6])
    expect(aqiLevel('NO_SUCH')).toBe(0)
  })

  it('keeps categories 1–3 grey and colours 4–6 with their HJ 633 colour', () => {
    expect(aqiColour(at(50, 'EXCELLENT'))).toBeNull()
    expect(aqiColour(at(100, 'GOOD'))).toBeNull()
    expect(aqiColour(at(150, 'LIGHTLY_POLLUTED'))).toBeNull()
    expect(aqiColour(at(151, 'MODERATELY_POLLUTED'))).toBe('#FF0000')
    expect(aqiColour(at(201, 'HEAVILY_POLLUTED'))).toBe(AQI_COLOURS.HEAVILY_POLLUTED)
    expect(aqiColour(at(500, 'SEVERELY_POLLUTED'))).toBe('#7E0023')
    expect(aqiAbnormal(at(150, 'LIGHTLY_POLLUTED'))).toBe(false)
    expect(aqiAbnormal(at(151, 'MODERATELY_POLLUTED'))).toBe(true)
  })

  it('prints the AQI as a number, and nothing for a station without one (never 0)', () => {
    expect(aqiText(at(87, 'GOOD'))).toBe('AQI 87')
    expect(aqiText(at(0, 'EXCELLENT'))).toBe('AQI 0')
    expect(aqiText(undefined)).toBe('')
    expect(aqiColour(undefined)).toBeNull()
    expect(aqiAbnormal(undefined)).toBe(false)
  })
})
