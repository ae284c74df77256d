import { describe, expect, it } from 'vitest'
import { fromLocalInput, toLocalInput, validationRequest, type ValidationForm } from './validation'

const FORM: ValidationForm = { point: 'yc-a.aqm.so2', from: '2026-12-07T10:00', to: '2026-12-07T11:00', action: 'correct', value: '12.5', reason: 'analyser drift' }

describe('validation form', () => {
  it('sends a correction with its value and reason, times as instants', () => {
    const r = validationRequest(FORM)
    expect(r).toEqual({ request: { point: 'yc-a.aqm.so2', from: new Date('2026-12-07T10:00').toISOString(), to: new Date('2026-12-07T11:00').toISOString(), action: 'correct', value: 12.5, reason: 'analyser drift' } })
  })

  it('will not send without a reason, nor a correction without a value', () => {
    expect(validationRequest({ ...FORM, reason: '   ' })).toEqual({ missing: 'reasonRequired' })
    expect(validationRequest({ ...FORM, value: '' })).toEqual({ missing: 'valueRequired' })
    expect(validationRequest({ ...FORM, value: 'abc' })).toEqual({ missing: 'valueRequired' })
    // a number input's v-model hands over a number
    expect(validationRequest({ ...FORM, value: 7 })).toMatchObject({ request: { value: 7 } })
    expect(validationRequest({ ...FORM, point: '' })).toEqual({ missing: 'pick' })
  })

  it('marks a period invalid without a value', () => {
    const r = validationRequest({ ...FORM, action: 'invalidate', value: '' })
    expect('request' in r && r.request).toMatchObject({ action: 'invalidate', reason: 'analyser drift' })
    expect('request' in r && 'value' in r.request).toBe(false)
  })

  it('round-trips a local time and leaves a non-time for the server to refuse', () => {
    const ms = new Date(2026, 11, 7, 10, 30).getTime()
    expect(toLocalInput(ms)).toBe('2026-12-07T10:30')
    expect(fromLocalInput('2026-12-07T10:30')).toBe(new Date(ms).toISOString())
    expect(fromLocalInput('yesterday')).toBe('yesterday')
  })
})
