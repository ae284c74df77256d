// The reviewer's form: mark a period of a point invalid or enter a corrected value, always with a
// reason. The server checks everything again (reviewer role, data in the period, the value); this
// only stops a form that cannot be sent.

import type { ValidationRequest } from '../api'

export interface ValidationForm {
  point: string
  /** datetime-local texts (YYYY-MM-DDTHH:mm, local time). */
  from: string
  to: string
  action: 'invalidate' | 'correct'
  /** A number input's v-model gives a number once something is typed, '' while empty. */
  value: string | number
  reason: string
}

/** The request, or the message key of what is missing. */
export function validationRequest(f: ValidationForm): { request: ValidationRequest } | { missing: 'reasonRequired' | 'valueRequired' | 'pick' } {
  if (!f.point || !f.from || !f.to) return { missing: 'pick' }
  if (!f.reason.trim()) return { missing: 'reasonRequired' }
  const request: ValidationRequest = { point: f.point, from: fromLocalInput(f.from), to: fromLocalInput(f.to), action: f.action, reason: f.reason.trim() }
  if (f.action === 'correct') {
    const text = String(f.value).trim()
    const value = text === '' ? NaN : Number(text)
    if (!Number.isFinite(value)) return { missing: 'valueRequired' }
    request.value = value
  }
  return { request }
}

/** A time as a datetime-local input shows it (local time, minutes). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A datetime-local text as an ISO instant; the text itself when it is no time (the server says why). */
export function fromLocalInput(text: string): string {
  const ms = new Date(text).getTime()
  return Number.isFinite(ms) ? new Date(ms).toISOString() : text
}
