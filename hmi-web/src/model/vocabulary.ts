// The server's enumerations the HMI must label. Keep in step with the Java enums
// (config StationKind, driver Quality and DataFlag, device link state); contract.test.ts checks.

export const STATION_KINDS = [
  'air-city',
  'air-county',
  'air-regional',
  'air-super',
  'air-park',
  'air-dust',
  'water-section',
  'water-source',
  'radiation-gamma',
  'radiation-vehicle',
  'radiation-source',
  'pollution-source',
] as const

export const QUALITIES = [
  'GOOD',
  'UNCERTAIN',
  'UNCERTAIN_LAST_USABLE',
  'BAD_COMMUNICATION',
  'BAD_SENSOR_FAILURE',
  'BAD_CONFIGURATION',
  'BAD_OUT_OF_SERVICE',
  'BAD_WAITING_FOR_INITIAL_DATA',
  'BAD',
] as const

/** HJ 212-2017 data flags plus Helan's drill flag X; only N is normal. */
export const FLAGS = ['N', 'F', 'M', 'S', 'D', 'C', 'T', 'B', 'X'] as const

/** Device link states (driver LinkState); a station shows CONNECTED, CONNECTING or DISCONNECTED. */
export const LINK_STATES = ['CONNECTED', 'CONNECTING', 'DISCONNECTED', 'CLOSED'] as const

/** Worst first: a station's link state is the worst of its devices'. */
const LINK_SEVERITY: Record<string, number> = { CLOSED: 2, DISCONNECTED: 2, CONNECTING: 1, CONNECTED: 0 }

export function linkSeverity(state: string): number {
  // An unknown state is treated as the worst: never show an unknown link as healthy.
  return LINK_SEVERITY[state] ?? 3
}

export function worstLink(states: Iterable<string>): string {
  let worst: string | undefined
  for (const s of states) {
    if (worst === undefined || linkSeverity(s) > linkSeverity(worst)) worst = s
  }
  return worst ?? 'DISCONNECTED'
}
