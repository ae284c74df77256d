import { describe, expect, it } from 'vitest'
import { mimicState, pointIndex, pointText, type MimicContext, type MimicPoint } from './mimic'

const NOW = Date.parse('2026-11-28T08:00:00Z')
const pm25: MimicPoint = { id: 'yc-x.aqm.pm25', unit: 'µg/m³', rangeLow: 0, rangeHigh: 1000, value: 35.4, quality: 'GOOD', flag: 'N', timeMs: NOW - 1000 }

function ctx(points: MimicPoint[], extra: Partial<MimicContext> = {}): MimicContext {
  return { link: 'CONNECTED', live: true, points: pointIndex(points), running: new Set(), now: NOW, ...extra }
}

describe('mimic point texts', () => {
  it('shows a live value with its unit', () => {
    expect(pointText(pm25, ctx([pm25]))).toEqual({ text: '35 µg/m³', state: 'good' })
  })

  it('never lets a stale value look live: a clock mark and the stale state', () => {
    expect(pointText({ ...pm25, timeMs: NOW - 60_000 }, ctx([]))).toEqual({ text: '⏱ 35 µg/m³', state: 'stale' })
    expect(pointText(pm25, ctx([], { live: false }))).toEqual({ text: '⏱ 35 µg/m³', state: 'stale' })
  })

  it('shows a bad value as a cross without digits, and a missing one as a dash', () => {
    expect(pointText({ ...pm25, quality: 'BAD_COMMUNICATION' }, ctx([]))).toEqual({ text: '✕', state: 'bad' })
    expect(pointText(undefined, ctx([]))).toEqual({ text: '—', state: 'nodata' })
  })

  it('marks an uncertain value', () => {
    expect(pointText({ ...pm25, quality: 'UNCERTAIN' }, ctx([])).text).toBe('35 µg/m³ ?')
  })

  it('finds points by key and by full id', () => {
    const index = pointIndex([pm25])
    expect(index.get('pm25')).toBe(pm25)
    expect(index.get('yc-x.aqm.pm25')).toBe(pm25)
  })
})

describe('mimic states', () => {
  it('tells the link, stale when live data is lost', () => {
    expect(mimicState('link', ctx([pm25]))).toBe('online')
    expect(mimicState('link', ctx([pm25], { live: false }))).toBe('stale')
    expect(mimicState('link', ctx([pm25], { link: 'DISCONNECTED' }))).toBe('offline')
  })

  it('shows calibration from the C flag or a calibration under way', () => {
    expect(mimicState('calibration', ctx([pm25]))).toBe('off')
    expect(mimicState('calibration', ctx([{ ...pm25, flag: 'C' }]))).toBe('on')
    expect(mimicState('calibration', ctx([pm25], { running: new Set(['zero-calibration']) }))).toBe('on')
  })

  it('shows samplers, rain, maintenance and emergency mode from their points', () => {
    const flow = { ...pm25, id: 'g.gamma.sampler-flow', value: 600 }
    const rain = { ...pm25, id: 'g.gamma.rain', value: 1 }
    const mode = { ...pm25, id: 'g.gamma.mode', value: 2 }
    expect(mimicState('sampler', ctx([flow]))).toBe('running')
    expect(mimicState('sampler', ctx([{ ...flow, value: 0 }]))).toBe('stopped')
    expect(mimicState('sampler', ctx([flow], { link: 'DISCONNECTED' }))).toBe('unknown')
    expect(mimicState('rain', ctx([rain]))).toBe('rain')
    expect(mimicState('rain', ctx([{ ...rain, quality: 'BAD' }]))).toBe('unknown')
    expect(mimicState('emergency', ctx([mode]))).toBe('on')
    expect(mimicState('maintenance', ctx([{ ...mode, value: 1 }]))).toBe('on')
  })

  it('answers unknown for a state name the HMI does not know', () => {
    expect(mimicState('flux-capacitor', ctx([pm25]))).toBe('unknown')
  })
})
