import { describe, expect, it } from 'vitest'
import { isRaised, sourceAlarms, sourcePosition, trackCoords, watchesSource, type RegisteredSource } from './mobile'
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
