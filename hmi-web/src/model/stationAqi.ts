// The hourly AQI of every air station, for the map labels and the station panel: fetched when a
// display that shows it opens and again every few minutes (the value changes once an hour), kept
// while any such display is open.

import { reactive } from 'vue'
import { fetchStationAqi } from '../api'
import type { StationAqi } from './aqi'

const REFRESH_MS = 5 * 60_000

export const stationAqi = reactive<{ byStation: Map<string, StationAqi>; hour: string | null; version: number }>({
  byStation: new Map(),
  hour: null,
  version: 0,
})

let users = 0
let timer: ReturnType<typeof setInterval> | undefined

async function refresh(): Promise<void> {
  try {
    const answer = await fetchStationAqi()
    const next = new Map<string, StationAqi>()
    for (const row of answer.rows) next.set(row.station, row)
    stationAqi.byStation = next
    stationAqi.hour = answer.start
    stationAqi.version++
  } catch {
    // keep what is shown; the next refresh tries again
  }
}

/** Keeps the AQI fresh while the caller shows it; call the returned function when it no longer does. */
export function watchStationAqi(): () => void {
  if (users++ === 0) {
    void refresh()
    timer = setInterval(() => void refresh(), REFRESH_MS)
  }
  let stopped = false
  return () => {
    if (stopped) return
    stopped = true
    if (--users === 0) clearInterval(timer)
  }
}
