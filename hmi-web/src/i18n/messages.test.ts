import { describe, expect, it } from 'vitest'
import { LOCALES, messages } from './messages'
import { labelOf, pointNameIn, regionNameIn, stationNameIn } from './labels'
import { FLAGS, LINK_STATES, QUALITIES, STATION_KINDS } from '../model/vocabulary'

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix]
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('messages', () => {
  it('Chinese and English have the same keys', () => {
    expect(keys(messages.en).sort()).toEqual(keys(messages['zh-CN']).sort())
  })

  it('no message is empty', () => {
    for (const locale of LOCALES) {
      for (const k of keys(messages[locale])) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages[locale])
        expect(typeof v === 'string' && v.trim().length > 0, `${locale} ${k}`).toBe(true)
      }
    }
  })

  it('labels every station kind in both languages, with the control room\'s Chinese names', () => {
    for (const locale of LOCALES) {
      for (const kind of STATION_KINDS) expect(labelOf(locale, 'kind', kind), `${locale} ${kind}`).toBeTruthy()
    }
    expect(STATION_KINDS.map((k) => labelOf('zh-CN', 'kind', k))).toEqual([
      '城市空气站',
      '县区空气站',
      '区域站',
      '超级站',
      '园区站',
      '沙尘站',
      '地表水断面',
      '饮用水源地',
      '辐射自动站',
      '辐射应急监测车',
      '放射源在线监控',
      '污染源在线监测',
    ])
  })

  it('labels every quality, flag and link state in both languages', () => {
    for (const locale of LOCALES) {
      for (const q of QUALITIES) expect(labelOf(locale, 'quality', q), `${locale} ${q}`).toBeTruthy()
      for (const f of FLAGS) expect(labelOf(locale, 'flag', f), `${locale} ${f}`).toBeTruthy()
      for (const l of LINK_STATES) expect(labelOf(locale, 'link', l), `${locale} ${l}`).toBeTruthy()
    }
    expect(labelOf('zh-CN', 'flag', 'C')).toBe('校准')
    expect(labelOf('zh-CN', 'flag', 'M')).toBe('维护')
    expect(labelOf('zh-CN', 'flag', 'D')).toBe('故障')
  })

  it('has no label for unknown keys (the caller shows the key itself)', () => {
    expect(labelOf('en', 'kind', 'toString')).toBeUndefined()
    expect(labelOf('en', 'kind', 'air-mars')).toBeUndefined()
  })
})

describe('names', () => {
  const s = { id: 'yc-xinghuayuan', name: '兴庆区兴华园', nameEn: 'Xinghuayuan', region: 'yinchuan', regionName: '银川市' }

  it('uses Chinese names by default and English names where given', () => {
    expect(stationNameIn('zh-CN', s)).toBe('兴庆区兴华园')
    expect(stationNameIn('en', s)).toBe('Xinghuayuan')
    expect(stationNameIn('en', { ...s, nameEn: null })).toBe('兴庆区兴华园')
    expect(regionNameIn('zh-CN', s)).toBe('银川市')
    expect(regionNameIn('en', s)).toBe('Yinchuan')
    expect(regionNameIn('en', { ...s, region: 'ningdong-base', regionNameEn: null })).toBe('Ningdong Base')
    expect(regionNameIn('en', { ...s, regionNameEn: 'Yinchuan City' })).toBe('Yinchuan City')
  })

  it('names points from the site file in Chinese and by their key in English', () => {
    expect(pointNameIn('zh-CN', { id: 's.aqm.pm25', name: '细颗粒物' })).toBe('细颗粒物')
    expect(pointNameIn('en', { id: 's.aqm.pm25', name: '细颗粒物' })).toBe('PM2.5')
    expect(pointNameIn('zh-CN', { id: 's.aqm.nh3n', name: '' })).toBe('氨氮')
    expect(pointNameIn('en', { id: 's.x.custom', name: 'Custom' })).toBe('Custom')
  })
})
