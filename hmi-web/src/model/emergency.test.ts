import { describe, expect, it } from 'vitest'
import {
  bandColour,
  bandsOf,
  bandSymbol,
  changesIncident,
  contourLines,
  destination,
  distanceKm,
  doseBand,
  ring,
  ringBox,
  samplerProgress,
  windArrow,
  withEvent,
  type TimelineEvent,
} from './emergency'
import { parseServerMessage } from './live'
import { PALETTE, PRIORITY_COLOURS } from './palette'

/** A frame as HelanServer pushes it: {"type":"incident-event"} merged with EmergencyJson.event. */
const frame = {
  type: 'incident-event',
  seq: 3,
  time: '2026-12-07T13:40:00Z',
  incident: 'DRILL-20261207T134000Z',
  kind: 'STEP',
  user: 'commander',
  text: 'notify 自治区生态环境厅应急值班室: DONE',
  detail: { step: { id: 'standby.notify.0', state: 'DONE' } },
}

function event(seq: number, kind: string, detail: Record<string, unknown> = {}, text = ''): TimelineEvent {
  return { seq, time: '2026-12-07T13:40:00Z', incident: 'DRILL-1', kind, user: 'system', text, detail }
}

describe('incident-event frames', () => {
  it('are parsed, not dropped', () => {
    const m = parseServerMessage(JSON.stringify(frame))
    expect(m).toEqual(frame)
  })

  it('without seq, incident, kind or time are ignored; a missing detail is an empty one', () => {
    for (const key of ['seq', 'incident', 'kind', 'time']) {
      const broken: Record<string, unknown> = { ...frame }
      delete broken[key]
      expect(parseServerMessage(JSON.stringify(broken)), key).toBeNull()
    }
    const bare: Record<string, unknown> = { ...frame }
    delete bare.detail
    delete bare.user
    expect(parseServerMessage(bare)).toMatchObject({ type: 'incident-event', user: '', detail: {} })
  })

  it('join the timeline in order, once', () => {
    let timeline: TimelineEvent[] = []
    timeline = withEvent(timeline, event(2, 'NOTE'))
    timeline = withEvent(timeline, event(1, 'DECLARED'))
    timeline = withEvent(timeline, event(3, 'STEP'))
    const again = withEvent(timeline, event(3, 'STEP'))
    expect(again).toBe(timeline)
    expect(timeline.map((e) => e.seq)).toEqual([1, 2, 3])
  })

  it('that change the incident ask for it again; notes, alarms and plume changes do not', () => {
    expect(['DECLARED', 'ESCALATED', 'DE_ESCALATED', 'STEP', 'ORDER', 'ORDER_RESULT'].every(changesIncident)).toBe(true)
    expect(['NOTE', 'ALARM', 'PLUME'].some(changesIncident)).toBe(false)
  })
})

describe('dose-rate bands', () => {
  const alarm = (kind: string, priority: number, state = 'UNACKNOWLEDGED_ACTIVE') => ({ station: 'yc-fushe', kind, priority, state })

  it('follow the server: alarm level over investigation level over normal', () => {
    expect(doseBand([alarm('DOSE_RATE_INVESTIGATION', 2), alarm('DOSE_RATE_ALARM', 1)], 'good')).toEqual({ band: 'alarm', priority: 1 })
    expect(doseBand([alarm('DOSE_RATE_INVESTIGATION', 2)], 'good')).toEqual({ band: 'investigation', priority: 2 })
    expect(doseBand([alarm('HIHI', 1)], 'good')).toEqual({ band: 'normal', priority: null })
  })

  it('count annunciated alarms only (a shelved one is not the band)', () => {
    expect(doseBand([alarm('DOSE_RATE_ALARM', 1, 'SHELVED')], 'good').band).toBe('normal')
    expect(doseBand([alarm('DOSE_RATE_ALARM', 1, 'ACKNOWLEDGED_ACTIVE')], 'good').band).toBe('alarm')
  })

  it('are unknown without a trustworthy reading, unless an alarm stands', () => {
    expect(doseBand([], 'stale').band).toBe('unknown')
    expect(doseBand([], 'nodata').band).toBe('unknown')
    expect(doseBand([], 'uncertain').band).toBe('normal')
    expect(doseBand([alarm('DOSE_RATE_ALARM', 1)], 'stale').band).toBe('alarm')
  })

  it('take the alarm priority colour, grey when normal, darker grey when unknown, and a shape each', () => {
    expect(bandColour({ band: 'alarm', priority: 1 })).toBe(PRIORITY_COLOURS[1])
    expect(bandColour({ band: 'investigation', priority: 2 })).toBe(PRIORITY_COLOURS[2])
    expect(bandColour({ band: 'investigation', priority: 3 })).toBe(PRIORITY_COLOURS[3])
    expect(bandColour({ band: 'normal', priority: null })).toBe(PALETTE.normal)
    expect(bandColour({ band: 'unknown', priority: null })).toBe(PALETTE.offline)
    expect(new Set(['alarm', 'investigation', 'normal'].map((b) => bandSymbol(b as 'alarm'))).size).toBe(3)
  })
})

describe('geometry', () => {
  const lat = 38.33
  const lon = 106.275

  it('rings lie at their radius all round and close', () => {
    for (const km of [3, 5, 10, 30]) {
      const points = ring(lat, lon, km)
      expect(points[0]).toEqual(points[points.length - 1])
      for (const [x, y] of points) expect(distanceKm(lat, lon, y, x)).toBeCloseTo(km, 6)
    }
  })

  it('a destination 10 km north is about 0.09° of latitude north', () => {
    const [x, y] = destination(lat, lon, 0, 10)
    expect(x).toBeCloseTo(lon, 9)
    expect(y - lat).toBeCloseTo(10 / 111.2, 3)
  })

  it('the ring box holds the ring', () => {
    const [[west, north], [east, south]] = ringBox(lat, lon, 30)
    for (const [x, y] of ring(lat, lon, 30)) {
      expect(x).toBeGreaterThan(west)
      expect(x).toBeLessThan(east)
      expect(y).toBeGreaterThan(south)
      expect(y).toBeLessThan(north)
    }
  })

  it('the wind arrow points downwind: a southerly wind (from 180°) blows north', () => {
    const [tail, head] = windArrow(lat, lon, 180, 5)
    expect(tail).toEqual([lon, lat])
    expect(head[1]).toBeGreaterThan(lat)
    expect(head[0]).toBeCloseTo(lon, 9)
    const [, west] = windArrow(lat, lon, 90, 5)
    expect(west[0]).toBeLessThan(lon)
  })

  it('contour segments [lat1, lon1, lat2, lon2] become [lon, lat] lines; malformed ones are left out', () => {
    const lines = contourLines({ level: 10, segments: [[38.4, 106.2, 38.41, 106.21], [1, 2, 3], [38, Number.NaN, 38, 106]] })
    expect(lines).toEqual([
      [
        [106.2, 38.4],
        [106.21, 38.41],
      ],
    ])
  })
})

describe('sampler order progress', () => {
  const order = event(10, 'ORDER', { stations: ['yc-fushe', 'yc-helan-fushe'] })
  const command = (seq: number, kind: string, device: string, commandId: string, state: string, text = '') => event(seq, kind, { device, commandId, state }, text)

  it('lists the ordered stations, then each station by its commands', () => {
    const timeline = [
      event(1, 'DECLARED'),
      command(5, 'ORDER_RESULT', 'yc-fushe.sampler', 'aerosol-start', 'FAILED'),
      order,
      command(11, 'ORDER', 'yc-fushe.sampler', 'aerosol-start', 'SELECTED'),
      command(12, 'ORDER', 'yc-fushe.sampler', 'iodine-start', 'SELECTED'),
      command(13, 'ORDER_RESULT', 'yc-fushe.sampler', 'aerosol-start', 'COMPLETED'),
      command(14, 'ORDER_RESULT', 'yc-helan-fushe.sampler', 'aerosol-start', 'REFUSED', 'yc-helan-fushe: not now (interlock), trying again'),
    ]
    const progress = samplerProgress(timeline)
    expect(progress.map((p) => [p.station, p.state])).toEqual([
      ['yc-fushe', 'RUNNING'],
      ['yc-helan-fushe', 'RUNNING'],
    ])
    timeline.push(command(15, 'ORDER_RESULT', 'yc-fushe.sampler', 'iodine-start', 'ACKNOWLEDGED'))
    timeline.push(command(16, 'ORDER_RESULT', 'yc-helan-fushe.sampler', 'aerosol-start', 'TIMED_OUT'))
    expect(samplerProgress(timeline).map((p) => [p.station, p.state])).toEqual([
      ['yc-fushe', 'COMPLETED'],
      ['yc-helan-fushe', 'FAILED'],
    ])
  })

  it('is empty before any order, and a station without news is ORDERED', () => {
    expect(samplerProgress([event(1, 'DECLARED')])).toEqual([])
    expect(samplerProgress([order])[0]).toMatchObject({ station: 'yc-fushe', state: 'ORDERED' })
  })
})

describe('bands of the stations', () => {
  it('cover the radiation stations only, each by its own dose-rate alarms', () => {
    const view = (id: string, kind = 'radiation-gamma') => ({ row: { id, kind }, keyState: 'good' as const })
    const bands = bandsOf(
      [view('yc-fushe'), view('yc-helan-fushe'), view('yc-xinghuayuan', 'air-city')],
      [
        { station: 'yc-fushe', kind: 'DOSE_RATE_ALARM', priority: 1, state: 'UNACKNOWLEDGED_ACTIVE' },
        { station: 'yc-xinghuayuan', kind: 'HI', priority: 2, state: 'UNACKNOWLEDGED_ACTIVE' },
      ],
    )
    expect([...bands.entries()]).toEqual([
      ['yc-fushe', { band: 'alarm', priority: 1 }],
      ['yc-helan-fushe', { band: 'normal', priority: null }],
    ])
  })
})
