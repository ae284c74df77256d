import { describe, expect, it } from 'vitest'
import { drawnTrack, extendTrack, isRaised, sourceAlarms, sourcePosition, trackCoords, trackFrom, watchesSource, type Fix, type RegisteredSource } from './mobile'
import type { Alarm } from './types'

const source: RegisteredSource = {
  id: 'yc-ir192',
  name: 'Ir-192',
  class: 'II',
  monitoredOnline: true,
  nuclide: 'Ir-192',
  activityBq: 3.7e12,
  category: 'radiography',
  holder: 'NDT Ltd',
  latitude: 38.412,
  longitude: 106.305,
  points: ['yc-t.monitor.container-dose-rate', 'yc-t.monitor.latitude', 'yc-t.monitor.longitude'],
  fenceMetres: 200,
}

function alarm(id: string, src: string, priority: number, state = 'UNACKNOWLEDGED_ACTIVE'): Alarm {
  return { id, source: src, station: 'yc-t', kind: 'X', priority, state }
}

describe('registered sources on the emergency map', () => {
  it('matches the alarms of its monitoring points and of its monitor device, never a neighbour', () => {
    expect(watchesSource(alarm('a', 'yc-t.monitor.container-dose-rate', 3), source)).toBe(true)
    expect(watchesSource(alarm('b', 'yc-t.monitor', 1), source)).toBe(true)
    expect(watchesSource(alarm('c', 'yc-t.mon', 1), source)).toBe(false)
    expect(watchesSource(alarm('d', 'yc-fushe.gamma.dose-rate', 1), source)).toBe(false)
  })

  it('lists its alarms that are not normal, most urgent first; only raised ones open an incident', () => {
    const list = sourceAlarms(source, [alarm('hi', 'yc-t.monitor.container-dose-rate', 3), alarm('fence', 'yc-t.monitor', 1), alarm('old', 'yc-t.monitor', 1, 'NORMAL')])
    expect(list.map((a) => a.id)).toEqual(['fence', 'hi'])
    expect(isRaised(alarm('x', 'y', 1, 'ACKNOWLEDGED_ACTIVE'))).toBe(true)
    expect(isRaised(alarm('x', 'y', 1, 'SHELVED'))).toBe(false)
  })

  it('places it where its monitor reports it when both readings are good, else where it is registered', () => {
    expect(sourcePosition(source)).toEqual({ latitude: 38.412, longitude: 106.305, monitored: false })
    const reported = {
      ...source,
      readings: [
        { point: 'yc-t.monitor.latitude', value: 38.5, quality: 'GOOD' },
        { point: 'yc-t.monitor.longitude', value: 106.4, quality: 'GOOD' },
      ],
    }
    expect(sourcePosition(reported)).toEqual({ latitude: 38.5, longitude: 106.4, monitored: true })
    const lost = { ...reported, readings: [reported.readings[0], { ...reported.readings[1], quality: 'BAD_COMMUNICATION' }] }
    expect(sourcePosition(lost).monitored).toBe(false)
  })

  it('draws a track oldest first as [lon, lat]', () => {
    expect(
      trackCoords([
        { time: 't1', latitude: 38, longitude: 106, doseRate: 90, flag: 'N' },
        { time: 't2', latitude: 38.1, longitude: 106.1, doseRate: 95, flag: 'N' },
      ]),
    ).toEqual([
      [106, 38],
      [106.1, 38.1],
    ])
  })
})

const T0 = Date.parse('2026-12-07T10:00:00Z')
const fix = (second: number, latitude = 38.4, longitude = 106.3 + second * 0.0001): Fix => ({ time: new Date(T0 + second * 1000).toISOString(), latitude, longitude, doseRate: 85, flag: 'N' })

describe('vehicle tracks', () => {
  it('takes only the fixes newer than the last one held, and forgets those before the window', () => {
    const held = [fix(0), fix(1), fix(2)]
    expect(extendTrack(held, [fix(2), fix(3), fix(4)], T0).map((f) => f.time)).toEqual([0, 1, 2, 3, 4].map((s) => fix(s).time))
    expect(extendTrack(held, [fix(3)], T0 + 1500).map((f) => f.time)).toEqual([fix(2).time, fix(3).time])
    expect(extendTrack([], [fix(5), fix(6)], T0)).toEqual([fix(5), fix(6)])
  })

  it('keeps the same track when nothing new came', () => {
    const held = [fix(0), fix(1)]
    expect(extendTrack(held, [fix(1)], T0)).toBe(held)
  })

  it('fetches from the last fix held, or the whole window for a new track', () => {
    expect(trackFrom([fix(0), fix(7)], T0).toISOString()).toBe(fix(7).time)
    expect(trackFrom(undefined, T0 + 5000).getTime()).toBe(T0 + 5000)
    expect(trackFrom([fix(1)], T0 + 5000).getTime()).toBe(T0 + 5000) // older than the window
  })

  it('draws a straight drive of 30 minutes as its ends, a turn with its corner, and counts every fix in the distance', () => {
    const straight = Array.from({ length: 1800 }, (_, s) => fix(s))
    const drawn = drawnTrack(straight)
    expect(drawn.coords).toHaveLength(2)
    expect(drawn.coords[0]).toEqual([straight[0].longitude, straight[0].latitude])
    expect(drawn.coords[drawn.coords.length - 1]).toEqual([straight[1799].longitude, straight[1799].latitude])
    expect(drawn.km).toBeCloseTo(0.1799 * 111.32 * Math.cos((38.4 * Math.PI) / 180), 1)
    const turn = [...Array.from({ length: 100 }, (_, s) => fix(s, 38.4, 106.3 + s * 0.0001)), ...Array.from({ length: 100 }, (_, s) => fix(100 + s, 38.4 + (s + 1) * 0.0001, 106.3099))]
    expect(drawnTrack(turn).coords).toContainEqual([106.3099, 38.4])
  })
})
