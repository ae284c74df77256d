// The vehicles, their tracks and the registered sources as the emergency display shows them,
// polled from the server while the display is open (startMobile / stopMobile).

import { reactive } from 'vue'
import { fetchSources, fetchTrack, fetchVehicles } from '../api'
import { TRACK_MINUTES, type Fix, type RegisteredSource, type VehicleNow } from './mobile'

/** Vehicles report once a second; the map follows them this often. */
export const VEHICLES_REFRESH_MS = 2_000
/** Tracks and the register change slowly. */
export const TRACKS_REFRESH_MS = 10_000
export const SOURCES_REFRESH_MS = 5_000

export interface MobileState {
  vehicles: VehicleNow[]
  /** Each vehicle's positions of the last TRACK_MINUTES minutes, oldest first. */
  tracks: Record<string, Fix[]>
  sources: RegisteredSource[]
}

export const mobile: MobileState = reactive({ vehicles: [], tracks: {}, sources: [] })

let users = 0
let timers: ReturnType<typeof setInterval>[] = []

async function loadVehicles(): Promise<void> {
  try {
    mobile.vehicles = await fetchVehicles()
  } catch {
    // the next poll tries again; the last positions stay on screen meanwhile
  }
}

async function loadTracks(): Promise<void> {
  const from = new Date(Date.now() - TRACK_MINUTES * 60_000)
  const tracks: Record<string, Fix[]> = {}
  for (const v of mobile.vehicles) {
    try {
      tracks[v.id] = await fetchTrack(v.id, from)
    } catch {
      tracks[v.id] = mobile.tracks[v.id] ?? []
    }
  }
  mobile.tracks = tracks
}

export async function loadSources(): Promise<void> {
  try {
    mobile.sources = await fetchSources()
  } catch {
    // as for vehicles
  }
}

/** Starts polling (each display that shows them calls it once, and stopMobile when it goes). */
export function startMobile(): void {
  if (users++ > 0) return
  void loadVehicles().then(loadTracks)
  void loadSources()
  timers = [setInterval(loadVehicles, VEHICLES_REFRESH_MS), setInterval(loadTracks, TRACKS_REFRESH_MS), setInterval(loadSources, SOURCES_REFRESH_MS)]
}

export function stopMobile(): void {
  if (users === 0 || --users > 0) return
  timers.forEach(clearInterval)
  timers = []
}
