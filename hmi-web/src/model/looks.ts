// The look of every station for the map, the region views and the wall: recomputed when pushed
// values arrive (at most once per animation frame), when alarms change and once a second.

import { computed, type ComputedRef } from 'vue'
import { formatValue } from './format'
import type { LatestValue } from './live'
import { valueState, type ValueState } from './staleness'
import { keyPointOf, stationLook, type StationLook } from './stationState'
import { latestOf, state, type StationRow } from './store'
import type { Alarm } from './types'

export interface StationView {
  row: StationRow
  look: StationLook
  /** The key value as text with its unit ('' when the kind has none), and its quality. */
  keyText: string
  keyValue: number | null
  keyState: ValueState
}

export function useStationViews(): ComputedRef<StationView[]> {
  const alarmsByStation = computed(() => {
    const by = new Map<string, Alarm[]>()
    for (const a of state.alarms.values()) {
      let list = by.get(a.station)
      if (!list) by.set(a.station, (list = []))
      list.push(a)
    }
    return by
  })
  return computed(() => {
    void state.valuesVersion
    const now = state.now
    const live = state.socket === 'open'
    return state.stations.map((row) => {
      const points = latestOf(row.id)
      const look = stationLook({ link: row.linkState, live, alarms: alarmsByStation.value.get(row.id) ?? [], points: points?.values() ?? [], now })
      const key = keyPointOf(row.kind)
      const sample = key && points ? findKey(points, key.key) : undefined
      let keyText = ''
      let keyValue: number | null = null
      let keyState: ValueState = 'nodata'
      if (key && sample) {
        keyState = valueState(sample, now)
        if (!live && (keyState === 'good' || keyState === 'uncertain')) keyState = 'stale'
        keyValue = keyState === 'bad' || keyState === 'nodata' ? null : sample.value
        keyText = keyValue === null ? '—' : `${formatValue(keyValue, key)} ${key.unit}`
      }
      return { row, look, keyText, keyValue, keyState }
    })
  })
}

function findKey(points: ReadonlyMap<string, LatestValue>, key: string): LatestValue | undefined {
  for (const [id, p] of points) if (id.endsWith(`.${key}`)) return p
  return undefined
}
