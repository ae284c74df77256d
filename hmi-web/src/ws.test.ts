import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay, BACKOFF_MAX_MS, LiveSocket, socketUrl, STABLE_AFTER_MS, type SocketState } from './ws'
import type { ServerMessage } from './model/types'

class FakeSocket {
  readyState = 0
  sent: string[] = []
  onopen: (() => void) | null = null
  onmessage: ((ev: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  onerror: (() => void) | null = null
  constructor(readonly url: string) {}
  send(s: string) {
    this.sent.push(s)
  }
  close() {
    this.readyState = 3
  }
  open() {
    this.readyState = 1
    this.onopen?.()
  }
  drop() {
    this.readyState = 3
    this.onerror?.()
    this.onclose?.()
  }
}

describe('backoffDelay', () => {
  it('doubles from 0.5 s up to 15 s', () => {
    const mid = () => 0.5
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, mid))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000])
  })

  it('jitters by at most 20 % either way', () => {
    expect(backoffDelay(0, () => 0)).toBe(400)
    expect(backoffDelay(0, () => 0.999999)).toBe(600)
    expect(backoffDelay(1000, () => 0.999999)).toBeLessThanOrEqual(BACKOFF_MAX_MS * 1.2)
  })
})

describe('socketUrl', () => {
  it('follows the page scheme and host', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/ws')
    expect(socketUrl({ protocol: 'https:', host: 'scada.example' })).toBe('wss://scada.example/ws')
  })
})

describe('LiveSocket', () => {
  let sockets: FakeSocket[]
  let states: [SocketState, number | null][]
  let messages: ServerMessage[]
  let opens: number
  let live: LiveSocket

  beforeEach(() => {
    vi.useFakeTimers()
    sockets = []
    states = []
    messages = []
    opens = 0
    live = new LiveSocket(
      () => 'ws://h/ws',
      {
        onMessage: (m) => messages.push(m),
        onOpen: () => opens++,
        onState: (s, at) => states.push([s, at]),
      },
      (url) => {
        const s = new FakeSocket(url)
        sockets.push(s)
        return s as unknown as WebSocket
      },
      () => 0.5,
    )
  })

  afterEach(() => {
    live.stop()
    vi.useRealTimers()
  })

  it('subscribes on open and reports the state', () => {
    live.start()
    expect(states.at(-1)?.[0]).toBe('connecting')
    sockets[0].open()
    expect(JSON.parse(sockets[0].sent[0])).toEqual({ type: 'subscribe', stations: ['*'] })
    expect(states.at(-1)).toEqual(['open', null])
    expect(opens).toBe(1)
  })

  it('sends a changed subscription at once, and nothing for an unchanged one', () => {
    live.start()
    sockets[0].open()
    live.subscribe(['*', 'yc-xinghuayuan'])
    live.subscribe(['*', 'yc-xinghuayuan'])
    expect(sockets[0].sent.map((s) => JSON.parse(s).stations)).toEqual([['*'], ['*', 'yc-xinghuayuan']])
  })

  it('passes parsed messages on and drops junk', () => {
    live.start()
    sockets[0].open()
    sockets[0].onmessage?.({ data: '{"type":"link","station":"s","device":"s.d","state":"CONNECTED"}' })
    sockets[0].onmessage?.({ data: 'garbage' })
    expect(messages).toEqual([{ type: 'link', station: 's', device: 's.d', state: 'CONNECTED' }])
  })

  it('passes the emergency platform\'s timeline events on', () => {
    live.start()
    sockets[0].open()
    const frame = { type: 'incident-event', seq: 1, time: '2026-12-07T13:40:00Z', incident: 'DRILL-1', kind: 'DECLARED', user: 'commander', text: 'drill declared', detail: {} }
    sockets[0].onmessage?.({ data: JSON.stringify(frame) })
    expect(messages).toEqual([frame])
  })

  it('keeps the point ids of compact values frames per connection', () => {
    live.start()
    sockets[0].open()
    sockets[0].onmessage?.({ data: '{"type":"values","t0":1000,"stations":[{"station":"s","ids":["s.a.x","s.a.y"],"points":[[1,2.5,0,"GOOD","N"]]}]}' })
    sockets[0].onmessage?.({ data: '{"type":"values","t0":2000,"stations":[{"station":"s","points":[[0,7,-5,"GOOD","C"]]}]}' })
    sockets[0].drop()
    vi.advanceTimersByTime(500)
    sockets[1].open()
    // A new connection starts without tables: values before their ids name no point.
    sockets[1].onmessage?.({ data: '{"type":"values","t0":3000,"stations":[{"station":"s","points":[[0,9,0,"GOOD","N"]]}]}' })
    expect(messages).toEqual([
      { type: 'values', stations: [{ station: 's', points: [{ id: 's.a.y', value: 2.5, quality: 'GOOD', flag: 'N', timeMs: 1000 }] }] },
      { type: 'values', stations: [{ station: 's', points: [{ id: 's.a.x', value: 7, quality: 'GOOD', flag: 'C', timeMs: 1995 }] }] },
      { type: 'values', stations: [{ station: 's', points: [] }] },
    ])
  })

  it('reconnects with growing delays and resubscribes with the current set', () => {
    live.start()
    live.subscribe(['*', 'a'])
    sockets[0].drop()
    expect(states.at(-1)?.[0]).toBe('closed')
    vi.advanceTimersByTime(499)
    expect(sockets).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sockets).toHaveLength(2)
    sockets[1].drop()
    vi.advanceTimersByTime(999)
    expect(sockets).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(sockets).toHaveLength(3)
    sockets[2].open()
    expect(JSON.parse(sockets[2].sent[0]).stations).toEqual(['*', 'a'])
    expect(opens).toBe(1)
  })

  it('resets the backoff once a connection has been stable', () => {
    live.start()
    sockets[0].drop()
    vi.advanceTimersByTime(500)
    sockets[1].drop()
    vi.advanceTimersByTime(1000)
    sockets[2].open()
    vi.advanceTimersByTime(STABLE_AFTER_MS)
    sockets[2].drop()
    vi.advanceTimersByTime(500)
    expect(sockets).toHaveLength(4)
  })

  it('announces when it will retry', () => {
    vi.setSystemTime(1_000_000)
    live.start()
    sockets[0].drop()
    expect(states.at(-1)).toEqual(['closed', 1_000_500])
  })

  it('stops reconnecting when stopped', () => {
    live.start()
    sockets[0].open()
    live.stop()
    sockets[0].drop()
    vi.advanceTimersByTime(60_000)
    expect(sockets).toHaveLength(1)
  })
})

describe('socketUrl with a session', () => {
  it('passes the token in the query, encoded', () => {
    expect(socketUrl({ protocol: 'http:', host: 'h:1' }, '/ws', 'a b+c')).toBe('ws://h:1/ws?token=a%20b%2Bc')
  })
})
