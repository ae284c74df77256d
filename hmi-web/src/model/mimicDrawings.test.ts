// The built-in drawings (server/src/main/resources/mimics) against the binding rules: every station
// kind has a drawing, every data-state name is one the HMI knows, and the stack's CEMS texts find
// their points by HJ 212 code whatever keys a site gave them.
import { describe, expect, it } from 'vitest'
import air from '../../../server/src/main/resources/mimics/air.svg?raw'
import water from '../../../server/src/main/resources/mimics/water.svg?raw'
import radiation from '../../../server/src/main/resources/mimics/radiation.svg?raw'
import stack from '../../../server/src/main/resources/mimics/stack.svg?raw'
import { MIMIC_STATES, pointIndex, pointText, type MimicPoint } from './mimic'
import { mimicOf } from './stationState'
import { STATION_KINDS } from './vocabulary'

const DRAWINGS: Record<string, string> = { air, water, radiation, stack }

/** The values of an attribute in a drawing, outside its comments. */
function attributeValues(svg: string, name: string): string[] {
  return [...svg.replace(/<!--[\s\S]*?-->/g, '').matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1])
}

const NOW = Date.parse('2026-12-07T08:00:00Z')

describe('built-in mimic drawings', () => {
  it('has a drawing for every station kind, the stack for pollution sources', () => {
    for (const kind of STATION_KINDS) expect(DRAWINGS[mimicOf(kind)], kind).toBeDefined()
    expect(mimicOf('pollution-source')).toBe('stack')
  })

  it('uses only data-state names the HMI binds', () => {
    for (const [name, svg] of Object.entries(DRAWINGS)) {
      for (const state of attributeValues(svg, 'data-state')) expect(MIMIC_STATES, `${name}: ${state}`).toContain(state)
    }
  })

  it('binds the stack CEMS texts (SO2, NOx, O2, flow, dust, temperature) by HJ 212 code', () => {
    const cems: [string, string, string][] = [
      ['so2', 'a21026', 'mg/m³'],
      ['nox', 'a21002', 'mg/m³'],
      ['o2', 'a19001', '%'],
      ['flue-gas-flow', 'a00000', 'm³/h'],
      ['dust', 'a34013', 'mg/m³'],
      ['flue-gas-temperature', 'a01012', '°C'],
      ['pressure', 'a01013', 'kPa'],
      ['velocity', 'a01011', 'm/s'],
    ]
    const points: MimicPoint[] = cems.map(([key, code, unit], i) => ({
      id: `nd-plant.cems.${key}`,
      code,
      unit,
      rangeLow: 0,
      rangeHigh: 1000,
      value: 10 + i,
      quality: 'GOOD',
      flag: 'N',
      timeMs: NOW - 1000,
    }))
    const index = pointIndex(points)
    const bound = attributeValues(stack, 'data-point')
    expect(bound).toEqual(expect.arrayContaining(['a21026', 'a21002', 'a19001', 'a00000', 'a34013', 'a01012']))
    for (const name of bound) {
      const text = pointText(index.get(name), { live: true, now: NOW })
      expect(text.state, name).toBe('good')
      expect(text.text, name).toMatch(/^\d+ \S+/)
    }
  })

  it('prefers a key over another point carrying the same spelling as its code', () => {
    const byKey: MimicPoint = { id: 's.d.a21026', value: 1, quality: 'GOOD', flag: 'N', timeMs: NOW }
    const byCode: MimicPoint = { id: 's.d.so2', code: 'a21026', value: 2, quality: 'GOOD', flag: 'N', timeMs: NOW }
    expect(pointIndex([byCode, byKey]).get('a21026')).toBe(byKey)
    expect(pointIndex([byCode]).get('a21026')).toBe(byCode)
  })
})
