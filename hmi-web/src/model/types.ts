// Shapes of the server's REST and WebSocket messages (docs/contracts.md, "REST and WebSocket").

import type { IncidentEventMessage } from './emergency'

export type LinkState = 'CONNECTED' | 'CONNECTING' | 'DISCONNECTED'

export interface StationSummary {
  id: string
  name: string
  nameEn?: string | null
  kind: string
  region: string
  regionName: string
  /** Not in the contract yet; used when the server sends it. */
  regionNameEn?: string | null
  latitude?: number
  longitude?: number
  linkState: LinkState | string
  points: number
  goodPoints: number
}

export interface PointDetail {
  id: string
  name: string
  code?: string | null
  unit?: string | null
  rangeLow?: number | null
  rangeHigh?: number | null
  value: number | null
  quality: string
  flag: string
  /** ISO-8601 UTC source timestamp, or null before the first sample. */
  time: string | null
}

export interface DeviceDetail {
  id: string
  name: string
  type: string
  protocol: string
  linkState: LinkState | string
  points: PointDetail[]
}

export interface StationDetail extends StationSummary {
  devices: DeviceDetail[]
}

export interface HistoryRow {
  time: string
  avg: number | null
  min: number | null
  max: number | null
  count: number
}

export interface History {
  point: string
  from: string
  to: string
  step: string
  rows: HistoryRow[]
}

export interface PointUpdate {
  id: string
  value: number | null
  quality: string
  flag: string
  /** Sample time in epoch milliseconds. */
  timeMs: number | null
}

/** The changed points of one station in a values message. */
export interface StationValues {
  station: string
  points: PointUpdate[]
}

/** One push window's changed values: every subscribed station that changed, in one message. */
export interface ValuesMessage {
  type: 'values'
  stations: StationValues[]
}

export interface LinkMessage {
  type: 'link'
  station: string
  device: string
  state: string
}

/** An alarm as REST and the WebSocket ({"type":"alarm", ...}) give it. */
export interface Alarm {
  id: string
  source: string
  station: string
  stationName?: string | null
  region?: string | null
  kind: string
  priority: number
  state: string
  value?: number | null
  limit?: number | null
  unit?: string | null
  message?: string | null
  activeSince?: string | null
  changed?: string | null
  acknowledgedBy?: string | null
  shelvedUntil?: string | null
}

/** A command as REST and the WebSocket ({"type":"command", ...}) give it. */
export interface Command {
  id: string
  device: string
  command: string
  kind: string | null
  parameters: Record<string, number>
  user: string
  state: string
  refusal?: string | null
  detail?: string | null
  requested: string
  updated: string
  effectUntil?: string | null
}

export interface AlarmMessage extends Alarm {
  type: 'alarm'
}

export interface CommandMessage extends Command {
  type: 'command'
}

/** The server lost track of what it sent (e.g. after an overflow): a fresh snapshot follows. */
export interface ResyncMessage {
  type: 'resync'
}

export type { IncidentEventMessage } from './emergency'

export type ServerMessage = ValuesMessage | LinkMessage | AlarmMessage | CommandMessage | ResyncMessage | IncidentEventMessage
