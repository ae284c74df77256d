// The one palette of the HMI (ISA-101 "high-performance" style): a calm grey screen where only
// what is abnormal has colour. Alarm priorities have the same colour everywhere (banner, list, map
// marker, mimic), and never colour alone: the priority number is always printed next to it.

export const PALETTE = {
  /** Screen background and panels: neutral greys. */
  background: '#3a3e42',
  panel: '#43474c',
  line: '#5a6066',
  text: '#e8eaec',
  muted: '#a7adb3',
  /** Equipment and normal values: muted grey, no hue. */
  equipment: '#8d9399',
  normal: '#b9bec3',
  /** Stale or offline: darker grey, drawn hollow or hatched. */
  offline: '#6f757b',
  /** Maintenance and calibration (operator-initiated, not an alarm): light violet, with M / C. */
  maintenance: '#b7a3e0',
  /** Boundary lines of the map. */
  boundary: '#767c82',
  land: '#474c51',
  /** The estimated plume footprint (contours of the emergency picture): a hue no alarm uses. */
  plume: '#ff6fcf',
} as const

/** ISA-18.2 priorities 1 (most urgent) to 4. */
export const PRIORITY_COLOURS: Record<number, string> = {
  1: '#ff3b30',
  2: '#ff9500',
  3: '#ffd60a',
  4: '#40c8e0',
}

export function priorityColour(priority: number | null | undefined): string {
  return (priority && PRIORITY_COLOURS[priority]) || PRIORITY_COLOURS[4]
}
