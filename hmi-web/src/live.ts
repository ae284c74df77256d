// The app's link to the server once signed in: the station list, alarms and commands over REST,
// then the WebSocket for every change. Reconnects by itself (backoff in ws.ts) and fetches again
// what it may have missed; a wall display never needs a click to recover.

import { fetchMe } from './api'
import { handleMessage, loadAlarms, loadCommands, loadStations, onResync, openStation, requestBeat, setSocketState, state, STATIONS_REFRESH_MS } from './model/store'
import { token } from './session'
import { LiveSocket, socketUrl } from './ws'
import { loadIncident, resetEmergency } from './model/emergencyState'

let socket: LiveSocket | null = null
let connectedBefore = false
let tickTimer: ReturnType<typeof setInterval> | undefined
let refreshTimer: ReturnType<typeof setInterval> | undefined

function refetchAll(): void {
  void loadStations()
  void loadAlarms()
  void loadCommands()
  void loadIncident()
  if (state.open) void openStation(state.open.id)
}

export function startLive(): void {
  if (socket) return
  connectedBefore = false
  onResync(refetchAll)
  socket = new LiveSocket(() => socketUrl(window.location, '/ws', token()), {
    onMessage: handleMessage,
    onOpen: () => {
      // After a reconnect, pushes were missed: fetch what only REST can tell again.
      if (connectedBefore) refetchAll()
      connectedBefore = true
    },
    onState: (s, retryAt) => {
      setSocketState(s, retryAt)
      // A refused upgrade looks like any closed socket: ask REST whether the session still
      // holds (a 401 there sends the user to the login page).
      if (s === 'closed') void fetchMe().catch(() => {})
    },
  })
  void loadStations()
  void loadAlarms()
  void loadCommands()
  void loadIncident()
  socket.start()
  tickTimer = setInterval(requestBeat, 1000)
  refreshTimer = setInterval(() => void loadStations(), STATIONS_REFRESH_MS)
}

export function stopLive(): void {
  socket?.stop()
  socket = null
  resetEmergency()
  clearInterval(tickTimer)
  clearInterval(refreshTimer)
}

/** The stations to receive values of: every station ('*'). */
export function subscribe(stations: string[]): void {
  socket?.subscribe(stations)
}
