// The vehicles, their tracks and the registered sources as the emergency display shows them,
// polled from the server while the display is open (startMobile / stopMobile).

import { shallowReactive } from 'vue'
import { fetchSources, fetchTrack, fetchVehicles } from '../api'
import { extendTrack, trackFrom, TRACK_MINUTES, type Fix, type RegisteredSource, type VehicleNow } from './mobile'

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

/**
 * Shallow: each poll replaces a list or the tracks whole, and tens of thousands of fixes must not
 * each become a reactive proxy.
 */
export const mobile: MobileState = shallowReactive({ vehicles: [], tracks: {}, sources: [] })

let users = 0
let timers: ReturnType<typeof setInterval>[] = []

async function loadVehicles(): Promise<void> {
  try {
    mobile.vehicles = await fetchVehicles()
  } catch {
    // the next poll tries again; the last positions stay on screen meanwhile
  }
}

/** Each vehicle's new fixes since its last one (all of the last TRACK_MINUTES for a new vehicle). */
async function loadTracks(): Promise<void> {
  const since = Date.now() - TRACK_MINUTES * 60_000
  const held = mobile.tracks
  const tracks: Record<string, Fix[]> = {}
  await Promise.all(
    mobile.vehicles.map(async (v) => {
      try {
        tracks[v.id] = extendTrack(held[v.id] ?? [], await fetchTrack(v.id, trackFrom(held[v.id], since)), since)
      } catch {
        tracks[v.id] = held[v.id] ?? []
      }
    }),
  )
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
