// Station mimics are SVG drawings (made in any editor) bound to live data by attributes:
//   data-point="pm25"       a <text> that shows the point's value and unit, marked by quality
//                           (the point's key, its full id, or its HJ 212 code such as "a21026");
//   data-state="sampler"    an element whose data-value becomes the named state (running/stopped…),
//                           for the drawing's own CSS or the HMI's to colour.
// The rules are pure and tested; applyMimic() only writes their results into the DOM.

import { formatUnit, formatValue } from './format'
import type { LatestValue } from './live'
import { valueState, type ValueState } from './staleness'

export interface MimicPoint extends LatestValue {
  id: string
  /** HJ 212 pollutant code ("a21026"), when the point has one. */
  code?: string | null
  unit?: string | null
  rangeLow?: number | null
  rangeHigh?: number | null
}

export interface MimicContext {
  /** The station's link state. */
  link: string
  /** Whether live data is flowing (WebSocket open). */
  live: boolean
  /** The station's points by key (last segment of the id, "pm25"), full id and HJ 212 code. */
  points: ReadonlyMap<string, MimicPoint>
  /** Kinds of the station's commands in progress ("zero-calibration", "sampler-start"…). */
  running: ReadonlySet<string>
  now: number
}

export interface BoundText {
  text: string
  state: ValueState
}

/**
 * A point's text in a mimic. Never a bare number for a value that is not live: a stale value keeps
 * its digits with a clock mark, a bad one shows a cross and no digits, a missing one a dash.
 */
export function pointText(p: MimicPoint | undefined, ctx: Pick<MimicContext, 'live' | 'now'>): BoundText {
  if (!p) return { text: '—', state: 'nodata' }
  let state = valueState(p, ctx.now)
  if (!ctx.live && (state === 'good' || state === 'uncertain')) state = 'stale'
  const unit = formatUnit(p.unit)
  const value = formatValue(p.value, p)
  const withUnit = unit ? `${value} ${unit}` : value
  switch (state) {
    case 'nodata':
      return { text: '—', state }
    case 'bad':
      return { text: '✕', state }
    case 'stale':
      return { text: `⏱ ${withUnit}`, state }
    case 'uncertain':
      return { text: `${withUnit} ?`, state }
    default:
      return { text: withUnit, state }
  }
}

function flagged(points: ReadonlyMap<string, MimicPoint>, flag: string): boolean {
  for (const p of points.values()) if (p.flag === flag) return true
  return false
}

/** The data-state names a drawing may use. */
export const MIMIC_STATES = ['link', 'calibration', 'maintenance', 'emergency', 'sampler', 'rain', 'pump'] as const

/** The value of a data-state attribute; 'unknown' for a name the HMI does not know. */
export function mimicState(name: string, ctx: MimicContext): string {
  const online = ctx.link === 'CONNECTED'
  switch (name) {
    case 'link':
      return online ? (ctx.live ? 'online' : 'stale') : 'offline'
    case 'calibration':
      return flagged(ctx.points, 'C') || ctx.running.has('zero-calibration') || ctx.running.has('span-calibration') ? 'on' : 'off'
    case 'maintenance':
      return flagged(ctx.points, 'M') || modeValue(ctx) === 1 ? 'on' : 'off'
    case 'emergency':
      return modeValue(ctx) === 2 ? 'on' : 'off'
    case 'sampler': {
      if (!online) return 'unknown'
      const flow = ctx.points.get('sampler-flow')
      if (ctx.running.has('sampler-start')) return 'running'
      if (flow && typeof flow.value === 'number' && valueState(flow, ctx.now) === 'good') return flow.value > 0 ? 'running' : 'stopped'
      return 'stopped'
    }
    case 'rain': {
      const rain = ctx.points.get('rain')
      if (!rain || valueState(rain, ctx.now) !== 'good' || typeof rain.value !== 'number') return 'unknown'
      return rain.value >= 0.5 ? 'rain' : 'dry'
    }
    case 'pump':
      if (!online || !ctx.live) return 'unknown'
      return flagged(ctx.points, 'M') ? 'stopped' : 'running'
    default:
      return 'unknown'
  }
}

function modeValue(ctx: MimicContext): number | null {
  const mode = ctx.points.get('mode')
  return mode && typeof mode.value === 'number' ? Math.round(mode.value) : null
}

/** The key of a point id ("yc-xinghuayuan.aqm.pm25" → "pm25"). */
function keyOf(id: string): string {
  const dot = id.lastIndexOf('.')
  return dot < 0 ? id : id.slice(dot + 1)
}

/**
 * Indexes points for data-point lookups: by key (first device wins), by full id, and by HJ 212
 * code (first point wins; a key or id of the same spelling wins over a code), so that a drawing of
 * a pollution source can name its points by the standard's codes whatever keys the site gave them.
 */
export function pointIndex(points: Iterable<MimicPoint>): Map<string, MimicPoint> {
  const index = new Map<string, MimicPoint>()
  const byCode = new Map<string, MimicPoint>()
  for (const p of points) {
    if (!index.has(keyOf(p.id))) index.set(keyOf(p.id), p)
    index.set(p.id, p)
    if (p.code && !byCode.has(p.code)) byCode.set(p.code, p)
  }
  for (const [code, p] of byCode) if (!index.has(code)) index.set(code, p)
  return index
}

/**
 * Removes what a drawing must not bring into the page: scripts, event-handler attributes,
 * foreign objects and javascript: links. A mimic is data, not code.
 */
export function sanitizeSvg(root: Element): void {
  for (const bad of Array.from(root.querySelectorAll('script, foreignObject'))) bad.remove()
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase()
      if (name.startsWith('on')) el.removeAttribute(attr.name)
      else if ((name === 'href' || name === 'xlink:href') && /^\s*javascript:/i.test(attr.value)) el.removeAttribute(attr.name)
    }
  }
}

/** Writes the bound texts and states into a mounted drawing. */
export function applyMimic(root: Element, ctx: MimicContext): void {
  for (const el of Array.from(root.querySelectorAll('[data-point]'))) {
    const bound = pointText(ctx.points.get(el.getAttribute('data-point') ?? ''), ctx)
    if (el.textContent !== bound.text) el.textContent = bound.text
    if (el.getAttribute('data-q') !== bound.state) el.setAttribute('data-q', bound.state)
  }
  for (const el of Array.from(root.querySelectorAll('[data-state]'))) {
    const value = mimicState(el.getAttribute('data-state') ?? '', ctx)
    if (el.getAttribute('data-value') !== value) el.setAttribute('data-value', value)
  }
}
