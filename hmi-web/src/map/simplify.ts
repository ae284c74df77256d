// Outline simplification (Douglas–Peucker): the city outlines come with a point every ~100 m,
// thousands per city, which the map would stroke again on every repaint; a wall shows Ningxia
// (~4° tall) on ~1,000 pixels, so detail below ~0.005° (~500 m) is never visible.

export type Ring = [number, number][]

/** Distance from p to the segment a–b, in coordinate units. */
export function segmentDistance(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const length2 = dx * dx + dy * dy
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))
}

/** Marks the points of line[from..to] that keep it within `tolerance` (Douglas–Peucker). */
function markKept(line: Ring, keep: Uint8Array, first: number, last: number, tolerance: number): void {
  const stack: [number, number][] = [[first, last]]
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [number, number]
    let index = -1
    let max = tolerance
    for (let i = from + 1; i < to; i++) {
      const d = segmentDistance(line[i], line[from], line[to])
      if (d > max) [index, max] = [i, d]
    }
    if (index >= 0) {
      keep[index] = 1
      stack.push([from, index], [index, to])
    }
  }
}

/**
 * The ring with only the points that keep it within `tolerance` of the original; the first and last
 * points stay (a closed ring stays closed), and a ring never drops below 4 points.
 */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  if (ring.length <= 4) return ring
  const keep = new Uint8Array(ring.length)
  keep[0] = keep[ring.length - 1] = 1
  // A closed ring's first and last points coincide: split it at its farthest point first.
  let far = 0
  let farDistance = -1
  for (let i = 1; i < ring.length - 1; i++) {
    const d = Math.hypot(ring[i][0] - ring[0][0], ring[i][1] - ring[0][1])
    if (d > farDistance) [far, farDistance] = [i, d]
  }
  keep[far] = 1
  markKept(ring, keep, 0, far, tolerance)
  markKept(ring, keep, far, ring.length - 1, tolerance)
  const out = ring.filter((_, i) => keep[i] === 1)
  return out.length >= 4 ? out : ring
}

/** An open line (a vehicle's track) with only the points that keep it within `tolerance`; its ends stay. */
export function simplifyLine(line: Ring, tolerance: number): Ring {
  if (line.length <= 2) return line
  const keep = new Uint8Array(line.length)
  keep[0] = keep[line.length - 1] = 1
  markKept(line, keep, 0, line.length - 1, tolerance)
  return line.filter((_, i) => keep[i] === 1)
}

interface Geometry {
  type: string
  coordinates: unknown
}

/** A Polygon or MultiPolygon with every ring simplified; other geometries unchanged. */
export function simplifyGeometry<G extends Geometry>(geometry: G, tolerance: number): G {
  if (geometry.type === 'Polygon') {
    return { ...geometry, coordinates: (geometry.coordinates as Ring[]).map((r) => simplifyRing(r, tolerance)) }
  }
  if (geometry.type === 'MultiPolygon') {
    return { ...geometry, coordinates: (geometry.coordinates as Ring[][]).map((p) => p.map((r) => simplifyRing(r, tolerance))) }
  }
  return geometry
}
