// Hourly AQI (HJ 633-2012) and water class (GB 3838-2002) on the HMI.
//
// Where colour goes (a calm grey screen, colour for the abnormal): the AQI is a number printed
// beside an air station's key value on the map and in its panel, in the normal text colour. The
// HJ 633 category colour is used only from category 4 (中度污染 moderately polluted, AQI > 150)
// up: there the AQI is printed beside the marker even where values are hidden and drawn in its
// category colour, and the panel's category chip is coloured. Categories 1–3 are named in words,
// in grey. A station without an AQI for the hour shows none (never 0).

/** The categories in order, as the server names them (AqiCategory; contract.test.ts checks). */
export const AQI_CATEGORIES = ['EXCELLENT', 'GOOD', 'LIGHTLY_POLLUTED', 'MODERATELY_POLLUTED', 'HEAVILY_POLLUTED', 'SEVERELY_POLLUTED'] as const

export type AqiCategory = (typeof AQI_CATEGORIES)[number]

/** HJ 633-2012 table 2 colours (the server's AqiCategory; contract.test.ts checks). */
export const AQI_COLOURS: Record<AqiCategory, string> = {
  EXCELLENT: '#00E400',
  GOOD: '#FFFF00',
  LIGHTLY_POLLUTED: '#FF7E00',
  MODERATELY_POLLUTED: '#FF0000',
  HEAVILY_POLLUTED: '#99004C',
  SEVERELY_POLLUTED: '#7E0023',
}

/** From this category level (1–6) up the AQI is abnormal: coloured, and printed on every map. */
export const AQI_COLOUR_FROM_LEVEL = 4

/** An air station's hourly AQI as GET /api/aqi/stations gives it. */
export interface StationAqi {
  station: string
  aqi: number
  primary: string[]
  category: string
}

/** The category's level, 1 (优 excellent) to 6 (严重污染 severely polluted); 0 for an unknown name. */
export function aqiLevel(category: string): number {
  return AQI_CATEGORIES.indexOf(category as AqiCategory) + 1
}

/** Whether the AQI is abnormal enough for colour and for a label on every map. */
export function aqiAbnormal(a: StationAqi | undefined): boolean {
  return !!a && aqiLevel(a.category) >= AQI_COLOUR_FROM_LEVEL
}

/** The colour the AQI is drawn in: its category colour when abnormal, else none (grey text). */
export function aqiColour(a: StationAqi | undefined): string | null {
  return a && aqiAbnormal(a) ? AQI_COLOURS[a.category as AqiCategory] : null
}

/** The text beside a marker: "AQI 87", or '' when the station has no AQI this hour. */
export function aqiText(a: StationAqi | undefined): string {
  return a && Number.isFinite(a.aqi) ? `AQI ${a.aqi}` : ''
}
