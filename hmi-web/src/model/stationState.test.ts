import { describe, expect, it } from 'vitest'
import { PALETTE, PRIORITY_COLOURS } from './palette'
import { conditionBadge, keyPointOf, mimicOf, stationLook, type StationInput } from './stationState'

const NOW = Date.parse('2026-11-28T08:00:00Z')
const fresh = { value: 30, quality: 'GOOD', flag: 'N', timeMs: NOW - 2000 }
const base: StationInput = { link: 'CONNECTED', live: true, alarms: [], points: [fresh], now: NOW }

describe('station look', () => {
  it('is calm grey when all is well: colour is kept for the abnormal', () => {
    const look = stationLook(base)
    expect(look.condition).toBe('normal')
    expect(look.colour).toBe(PALETTE.normal)
    expect(conditionBadge(look)).toBe('')
  })

  it('shows a lost link before anything else, even an alarm', () => {
    const look = stationLook({ ...base, link: 'DISCONNECTED', alarms: [{ station: 's', priority: 1, state: 'UNACKNOWLEDGED_ACTIVE' }] })
    expect(look.condition).toBe('offline')
    expect(look.colour).toBe(PALETTE.offline)
    expect(conditionBadge(look)).toBe('✕')
  })

  it('takes the most urgent annunciated alarm, blinking while any waits for acknowledgement', () => {
    const look = stationLook({
      ...base,
      alarms: [
        { station: 's', priority: 3, state: 'UNACKNOWLEDGED_ACTIVE' },
        { station: 's', priority: 2, state: 'ACKNOWLEDGED_ACTIVE' },
        { station: 's', priority: 1, state: 'SHELVED' },
      ],
    })
    expect(look).toMatchObject({ condition: 'alarm', priority: 2, unacknowledged: true, colour: PRIORITY_COLOURS[2] })
    expect(conditionBadge(look)).toBe('P2')
  })

  it('is steady once every alarm is acknowledged', () => {
    const look = stationLook({ ...base, alarms: [{ station: 's', priority: 1, state: 'ACKNOWLEDGED_ACTIVE' }] })
    expect(look.unacknowledged).toBe(false)
    expect(look.colour).toBe(PRIORITY_COLOURS[1])
  })

  it('shows calibration and maintenance from the data flags', () => {
    expect(stationLook({ ...base, points: [{ ...fresh, flag: 'C' }] }).condition).toBe('calibration')
    expect(stationLook({ ...base, points: [{ ...fresh, flag: 'M' }] }).condition).toBe('maintenance')
  })

  it('is stale when data is old, missing, or live data is lost', () => {
    expect(stationLook({ ...base, points: [{ ...fresh, timeMs: NOW - 60_000 }] }).condition).toBe('stale')
    expect(stationLook({ ...base, points: [] }).condition).toBe('stale')
    expect(stationLook({ ...base, live: false }).condition).toBe('stale')
  })

  it('names the key point and mimic of each station kind', () => {
    expect(keyPointOf('radiation-gamma')?.key).toBe('dose-rate')
    expect(keyPointOf('air-city')?.key).toBe('pm25')
    expect(keyPointOf('water-source')?.key).toBe('nh3n')
    expect(keyPointOf('pollution-source')).toBeNull()
    expect(mimicOf('air-dust')).toBe('air')
    expect(mimicOf('water-section')).toBe('water')
    expect(mimicOf('radiation-gamma')).toBe('radiation')
  })
})
