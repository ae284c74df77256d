import { describe, expect, it } from 'vitest'
import type { StationView } from '../model/looks'
import { PALETTE, priorityColour } from '../model/palette'
import type { StationLook } from '../model/stationState'
import { changedSeries, markerGroups, sameGroups, sameLabels, type MarkerOptions, type Markers } from './markers'

const WALL: MarkerOptions = { large: true, labels: false, blinkOn: true, scale: 1 }

function station(id: string, look: Partial<StationLook> = {}, kind = 'air-city'): StationView {
  return {
    row: { id, kind, longitude: 106, latitude: 38 } as StationView['row'],
    look: { condition: 'normal', priority: null, unacknowledged: false, colour: PALETTE.normal, ...look } as StationLook,
    keyText: '35 µg/m³',
    keyValue: 35,
    keyState: 'good',
  }
}

describe('map markers', () => {
  it('puts stations that look alike into one group, without per-marker styles', () => {
    const m = markerGroups([station('a'), station('b'), station('c')], WALL)
    expect(m.groups).toHaveLength(1)
    expect(m.groups[0].items).toEqual([
      { name: 'a', value: [106, 38] },
      { name: 'b', value: [106, 38] },
      { name: 'c', value: [106, 38] },
    ])
    expect(m.labels.size).toBe(0) // calm: nothing printed beside normal markers on the overview
  })

  it('draws an alarm larger, in its priority colour, above the rest, with its priority as text', () => {
    const red = priorityColour(1)
    const m = markerGroups([station('a'), station('b', { condition: 'alarm', priority: 1, colour: red })], WALL)
    expect(m.groups).toHaveLength(2)
    const alarm = m.groups.find((g) => g.items[0].name === 'b')!
    expect(alarm.style).toMatchObject({ color: red, z: 10, size: 36 * 1.3 })
    expect(m.labels.get('b')).toBe('P1')
  })

  it('draws an offline station hollow and dashed, an unacknowledged one dark in the off phase', () => {
    const offline = markerGroups([station('a', { condition: 'offline', colour: PALETTE.offline })], WALL).groups[0].style
    expect(offline).toMatchObject({ color: 'transparent', borderType: 'dashed' })
    const red = priorityColour(1)
    const unack = station('b', { condition: 'alarm', priority: 1, unacknowledged: true, colour: red })
    expect(markerGroups([unack], { ...WALL, blinkOn: false }).groups[0].style).toMatchObject({ color: PALETTE.background, borderColor: red })
    expect(markerGroups([unack], WALL).groups[0].style.color).toBe(red)
  })

  it('prints key values beside every marker on a region view, scales on a 4K wall, skips stations without a place', () => {
    const placeless = station('x')
    placeless.row.longitude = undefined
    const m = markerGroups([station('a'), placeless], { ...WALL, labels: true, scale: 2 })
    expect(m.labels.get('a')).toBe('35 µg/m³')
    expect(m.groups[0].style).toMatchObject({ size: 72, labelSize: 80 })
    expect(m.groups.flatMap((g) => g.items.map((i) => i.name))).toEqual(['a'])
  })

  it('gives each station kind its shape', () => {
    const m = markerGroups([station('a'), station('g', {}, 'radiation-gamma'), station('w', {}, 'water-section'), station('p', {}, 'pollution-source')], WALL)
    expect(m.groups.map((g) => g.style.symbol)).toEqual(['circle', 'triangle', 'diamond', 'rect'])
  })
})

describe('unchanged markers', () => {
  const same = (a: Markers, b: Markers) => sameGroups(a, b) && sameLabels(a, b)

  it('tells a value change that prints nothing from one the map must draw', () => {
    const before = markerGroups([station('a'), station('b')], WALL)
    const newValue = { ...station('b'), keyText: '36 µg/m³', keyValue: 36 }
    expect(same(before, markerGroups([station('a'), newValue], WALL))).toBe(true)
    // With values printed beside the markers (a region view) the new value must be drawn, and
    // only as text: the markers stay.
    const labelled = { ...WALL, labels: true }
    const shown = markerGroups([station('a'), station('b')], labelled)
    const next = markerGroups([station('a'), newValue], labelled)
    expect(sameGroups(shown, next)).toBe(true)
    expect(sameLabels(shown, next)).toBe(false)
    // A new look, a moved or a missing station must be drawn.
    expect(sameGroups(before, markerGroups([station('a'), station('b', { condition: 'stale', colour: PALETTE.offline })], WALL))).toBe(false)
    const moved = { ...station('b'), row: { ...station('b').row, longitude: 107 } }
    expect(sameGroups(before, markerGroups([station('a'), moved], WALL))).toBe(false)
    expect(sameGroups(before, markerGroups([station('a')], WALL))).toBe(false)
  })

  it('prints values on a region view beside its own stations only, badges of abnormal ones everywhere', () => {
    const red = priorityColour(1)
    const m = markerGroups([station('a'), station('b'), station('c', { condition: 'alarm', priority: 1, colour: red })], {
      ...WALL,
      labels: true,
      labelled: new Set(['a']),
    })
    expect([...m.labels]).toEqual([
      ['a', '35 µg/m³'],
      ['c', 'P1'],
    ])
  })

  it('prints the hourly AQI after the key value, and from category 4 up beside every marker in its colour', () => {
    const aqi = new Map([
      ['a', { station: 'a', aqi: 87, primary: ['PM10'], category: 'GOOD' }],
      ['b', { station: 'b', aqi: 180, primary: ['PM2.5'], category: 'MODERATELY_POLLUTED' }],
    ])
    const overview = markerGroups([station('a'), station('b'), station('c')], { ...WALL, aqi })
    expect(overview.labels.has('a')).toBe(false) // calm: category 2 needs no word on the overview
    expect(overview.labels.get('b')).toBe('AQI 180')
    expect(overview.groups.find((g) => g.items.some((i) => i.name === 'b'))!.style.labelColor).toBe('#FF0000')
    expect(overview.groups.find((g) => g.items.some((i) => i.name === 'a'))!.style.labelColor).toBe(PALETTE.muted)
    const region = markerGroups([station('a'), station('c')], { ...WALL, labels: true, aqi })
    expect(region.labels.get('a')).toBe('35 µg/m³ AQI 87')
    expect(region.labels.get('c')).toBe('35 µg/m³') // no AQI this hour: nothing, not 0
    // an alarm keeps its priority colour; the AQI is text beside it
    const red = priorityColour(1)
    const alarm = markerGroups([station('b', { condition: 'alarm', priority: 1, colour: red })], { ...WALL, aqi })
    expect(alarm.labels.get('b')).toBe('P1 AQI 180')
    expect(alarm.groups[0].style.labelColor).toBe(red)
  })
})

describe('overlay series handed to the chart', () => {
  const rings = { id: 'rings', data: [1] }
  const tracks = { id: 'tracks', data: [2] }
  const vehicles = { id: 'vehicles', data: [3] }

  it('hands over only the series that are new objects under the same ids', () => {
    const moved = { id: 'vehicles', data: [4] }
    expect(changedSeries([rings, tracks, vehicles], [rings, tracks, moved])).toEqual([moved])
    expect(changedSeries([rings, tracks, vehicles], [rings, tracks, vehicles])).toEqual([])
  })

  it('hands over everything when series come, go or change places', () => {
    expect(changedSeries([rings, tracks], [rings, tracks, vehicles])).toBeNull()
    expect(changedSeries([rings, tracks, vehicles], [rings, tracks])).toBeNull()
    expect(changedSeries([rings, tracks], [tracks, rings])).toBeNull()
    expect(changedSeries([{ data: [] }], [{ data: [] }])).toBeNull() // no id: cannot be merged
  })
})
