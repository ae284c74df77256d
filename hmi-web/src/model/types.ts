// Shapes of the server's REST and WebSocket messages (docs/contracts.md, "REST and WebSocket").

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
  time: string | null
}

export interface ValuesMessage {
  type: 'values'
  station: string
  points: PointUpdate[]
}

export interface LinkMessage {
  type: 'link'
  station: string
  device: string
  state: string
}

export type ServerMessage = ValuesMessage | LinkMessage
