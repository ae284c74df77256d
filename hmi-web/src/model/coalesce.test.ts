import { describe, expect, it } from 'vitest'
import { FrameCoalescer, type Clock } from './coalesce'

/** A clock driven by the test: frames and timers run when the test says. */
function testClock() {
  let now = 0
  let frames: (() => void)[] = []
  let timers: { at: number; fn: () => void }[] = []
  const clock: Clock = {
    now: () => now,
    frame: (fn) => frames.push(fn),
    later: (fn, ms) => timers.push({ at: now + ms, fn }),
  }
  return {
    clock,
    frame() {
      now += 16
      const due = frames
      frames = []
      due.forEach((fn) => fn())
    },
    advance(ms: number) {
      now += ms
      const due = timers.filter((t) => t.at <= now)
      timers = timers.filter((t) => t.at > now)
      due.forEach((t) => t.fn())
    },
  }
}

describe('coalescing pushed values into re-renders', () => {
  it('renders once at the next frame for any number of updates', () => {
    const t = testClock()
    let renders = 0
    const c = new FrameCoalescer(() => renders++, 250, t.clock)
    for (let i = 0; i < 2000; i++) c.request()
    expect(renders).toBe(0)
    t.frame()
    expect(renders).toBe(1)
    t.frame()
    expect(renders).toBe(1)
  })

  it('renders no more often than the interval, and never drops the last update', () => {
    const t = testClock()
    let renders = 0
    const c = new FrameCoalescer(() => renders++, 250, t.clock)
    c.request()
    t.frame()
    c.request()
    c.request()
    t.frame()
    expect(renders).toBe(1) // too soon after the last render
    t.advance(200)
    t.frame()
    expect(renders).toBe(1)
    t.advance(50)
    t.frame()
    expect(renders).toBe(2)
  })
})
