// The live-data WebSocket: subscribe, reconnect with backoff, report the connection state.

import { parseServerMessage, type PointIdTables } from './model/live'
import type { ServerMessage } from './model/types'

export type SocketState = 'connecting' | 'open' | 'closed'

export const BACKOFF_BASE_MS = 500
export const BACKOFF_MAX_MS = 15_000
/** A connection that stayed up this long resets the backoff. */
export const STABLE_AFTER_MS = 5_000

/**
 * Delay before reconnect attempt {@code attempt} (0-based): 0.5 s doubling to 15 s, with ±20 %
 * jitter so that many wall displays do not reconnect in step after a server restart.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16))
  return Math.round(base * (0.8 + 0.4 * random()))
}

/**
 * ws:// or wss:// URL of {@code path} on the page's own host; the session token goes in the query
 * (a browser cannot set headers on a WebSocket upgrade).
 */
export function socketUrl(loc: { protocol: string; host: string }, path = '/ws', token: string | null = null): string {
  const query = token ? `?token=${encodeURIComponent(token)}` : ''
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${path}${query}`
}

export interface SocketListener {
  onMessage(message: ServerMessage): void
  /** Called on every (re)connection, after the subscription was sent: missed events may need a refetch. */
  onOpen(): void
  onState(state: SocketState, retryAt: number | null): void
}

type SocketFactory = (url: string) => WebSocket

export class LiveSocket {
  private socket: WebSocket | null = null
  private attempt = 0
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private stableTimer: ReturnType<typeof setTimeout> | null = null
  private stations: string[] = ['*']
  private stopped = true

  constructor(
    /** Asked on every (re)connection: the token may have changed after a new login. */
    private readonly url: () => string,
    private readonly listener: SocketListener,
    private readonly factory: SocketFactory = (u) => new WebSocket(u),
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    this.stopped = false
    this.connect()
  }

  stop(): void {
    this.stopped = true
    this.clearTimers()
    const s = this.socket
    this.socket = null
    s?.close()
  }

  /** The stations to receive; sent now if connected, and again on every reconnect. */
  subscribe(stations: string[]): void {
    const next = [...new Set(stations)]
    if (next.length === this.stations.length && next.every((s, i) => s === this.stations[i])) return
    this.stations = next
    this.sendSubscription()
  }

  private connect(): void {
    this.listener.onState('connecting', null)
    let s: WebSocket
    try {
      s = this.factory(this.url())
    } catch {
      this.scheduleReconnect()
      return
    }
    this.socket = s
    // The server names a station's points once per connection; later values refer to them by index.
    const pointIds: PointIdTables = new Map()
    s.onopen = () => {
      if (this.socket !== s) return
      this.sendSubscription()
      this.listener.onState('open', null)
      this.listener.onOpen()
      this.stableTimer = setTimeout(() => {
        this.attempt = 0
      }, STABLE_AFTER_MS)
    }
    s.onmessage = (ev: MessageEvent) => {
      if (this.socket !== s) return
      const m = parseServerMessage(ev.data, pointIds)
      if (m) this.listener.onMessage(m)
      else if (typeof ev.data === 'string' && ev.data.includes('"error"')) console.warn('live data:', ev.data)
    }
    s.onclose = () => {
      if (this.socket !== s) return
      this.socket = null
      this.scheduleReconnect()
    }
    // onerror is always followed by onclose; the reconnect is scheduled there.
    s.onerror = () => {}
  }

  private scheduleReconnect(): void {
    this.clearTimers()
    if (this.stopped) return
    const delay = backoffDelay(this.attempt++, this.random)
    this.listener.onState('closed', Date.now() + delay)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.connect()
    }, delay)
  }

  private sendSubscription(): void {
    const s = this.socket
    if (s && s.readyState === 1 /* OPEN */) {
      s.send(JSON.stringify({ type: 'subscribe', stations: this.stations }))
    }
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.stableTimer) clearTimeout(this.stableTimer)
    this.retryTimer = null
    this.stableTimer = null
  }
}
