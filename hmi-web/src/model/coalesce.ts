// Coalescing of pushed values into re-renders: however many `values` messages arrive (the server
// sends one per push window, every 50 ms, for all the stations that changed in it), the views that
// show many stations re-render once per animation frame at most, at the display beat (store.ts).

export interface Clock {
  now(): number
  /** Runs fn at the next animation frame. */
  frame(fn: () => void): void
  /** Runs fn after ms milliseconds. */
  later(fn: () => void, ms: number): void
}

export const browserClock: Clock = {
  now: () => Date.now(),
  frame: (fn) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => fn()) : setTimeout(fn, 16)),
  later: (fn, ms) => setTimeout(fn, ms),
}

/** Calls `run` once for any number of `request()`s: at an animation frame, ≥ minIntervalMs apart. */
export class FrameCoalescer {
  private pending = false
  private lastRun = Number.NEGATIVE_INFINITY

  constructor(
    private readonly run: () => void,
    private readonly minIntervalMs: number,
    private readonly clock: Clock = browserClock,
  ) {}

  request(): void {
    if (this.pending) return
    this.pending = true
    const wait = this.lastRun + this.minIntervalMs - this.clock.now()
    if (wait > 0) this.clock.later(() => this.clock.frame(() => this.fire()), wait)
    else this.clock.frame(() => this.fire())
  }

  /** Forgets the last run and any request (for tests). */
  reset(): void {
    this.pending = false
    this.lastRun = Number.NEGATIVE_INFINITY
  }

  private fire(): void {
    this.pending = false
    this.lastRun = this.clock.now()
    this.run()
  }
}
