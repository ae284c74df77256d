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
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ]
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [number, number]
    let index = -1
    let max = tolerance
    for (let i = from + 1; i < to; i++) {
      const d = segmentDistance(ring[i], ring[from], ring[to])
      if (d > max) [index, max] = [i, d]
    }
    if (index >= 0) {
      keep[index] = 1
      stack.push([from, index], [index, to])
    }
  }
  const out = ring.filter((_, i) => keep[i] === 1)
  return out.length >= 4 ? out : ring
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
