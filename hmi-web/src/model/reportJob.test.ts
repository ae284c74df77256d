import { describe, expect, it } from 'vitest'
import { jobProgress, lastEnded, reportRequest, scopeChoices, scopeName, type ReportJob, type ReportScopeOption } from './reportJob'

function job(step: string, percent: number, extra: Partial<ReportJob> = {}): ReportJob {
  return { id: 'job-1', report: 'daily-2026-12-06', kind: 'daily', first: '2026-12-06', last: '2026-12-06', user: 'u', submitted: '', step: step as ReportJob['step'], percent, ...extra }
}

describe('report job progress', () => {
  it('shows the share done while the job runs', () => {
    expect(jobProgress(job('QUEUED', 0))).toEqual({ percent: 0, finished: false, failed: false, step: 'QUEUED' })
    expect(jobProgress(job('WRITING_PDF', 75))).toEqual({ percent: 75, finished: false, failed: false, step: 'WRITING_PDF' })
  })

  it('ends full at DONE, and FAILED ends as a failure', () => {
    expect(jobProgress(job('DONE', 100))).toMatchObject({ percent: 100, finished: true, failed: false })
    expect(jobProgress(job('FAILED', 100, { error: 'no validated data' }))).toMatchObject({ finished: true, failed: true, step: 'FAILED' })
  })

  it('keeps a strange answer inside the bar and never takes an unknown step for the end', () => {
    expect(jobProgress(job('READING', 250))?.percent).toBe(100)
    expect(jobProgress(job('READING', -3))?.percent).toBe(0)
    expect(jobProgress(job('READING', NaN))?.percent).toBe(0)
    expect(jobProgress(job('SOMETHING_NEW', 40))).toMatchObject({ finished: false, step: 'QUEUED' })
    expect(jobProgress(null)).toBeNull()
  })

  it('asks for a day or a month, yesterday or last month by default', () => {
    expect(reportRequest('daily', ' 2026-12-06 ')).toEqual({ day: '2026-12-06', scope: { kind: 'region' } })
    expect(reportRequest('monthly', '2026-11')).toEqual({ month: '2026-11', scope: { kind: 'region' } })
    expect(lastEnded('daily', new Date(2026, 0, 1, 9))).toBe('2025-12-31')
    expect(lastEnded('monthly', new Date(2026, 0, 15))).toBe('2025-12')
  })
})

// what GET /api/report-scopes answers for the products test site
const SCOPES: ReportScopeOption[] = [
  { kind: 'region', name: '数据产品测试', scheduled: true },
  { kind: 'city', id: 'yinchuan', name: '银川市', scheduled: true },
  { kind: 'city', id: 'shizuishan', name: '石嘴山市', scheduled: true },
  { kind: 'station', id: 'yc-a', name: '银川甲站', stationKind: 'air-city', city: 'yinchuan', scheduled: false },
  { kind: 'station', id: 'yc-plant', name: '银川电厂', stationKind: 'pollution-source', city: 'yinchuan', scheduled: false },
]

describe('report scope picker', () => {
  it('offers the cities or the stations the server lists, nothing to pick for the region', () => {
    expect(scopeChoices(SCOPES, 'city').map((c) => c.id)).toEqual(['yinchuan', 'shizuishan'])
    expect(scopeChoices(SCOPES, 'station').map((c) => c.id)).toEqual(['yc-a', 'yc-plant'])
    expect(scopeChoices(SCOPES, 'region')).toEqual([])
    expect(scopeChoices([], 'station')).toEqual([])
  })

  it('sends the picked city or station with the period', () => {
    expect(reportRequest('daily', '2026-07-15', { kind: 'station', id: 'yc-a' })).toEqual({ day: '2026-07-15', scope: { kind: 'station', id: 'yc-a' } })
    expect(reportRequest('monthly', '2026-06', { kind: 'city', id: 'yinchuan' })).toEqual({ month: '2026-06', scope: { kind: 'city', id: 'yinchuan' } })
    // the region never carries an id, and a city or station not yet picked is not sent as one
    expect(reportRequest('daily', '2026-07-15', { kind: 'region', id: 'yinchuan' }).scope).toEqual({ kind: 'region' })
    expect(reportRequest('daily', '2026-07-15', { kind: 'station', id: '' }).scope).toEqual({ kind: 'region' })
  })

  it('names a report\'s scope as the server lists it, by id when it is not listed', () => {
    expect(scopeName(undefined, SCOPES)).toBe('数据产品测试')
    expect(scopeName({ kind: 'region' }, SCOPES)).toBe('数据产品测试')
    expect(scopeName({ kind: 'city', id: 'yinchuan' }, SCOPES)).toBe('银川市')
    expect(scopeName({ kind: 'station', id: 'yc-plant' }, SCOPES)).toBe('银川电厂')
    expect(scopeName({ kind: 'station', id: 'gone' }, SCOPES)).toBe('gone')
    expect(scopeName({ kind: 'city', id: 'yc-a' }, SCOPES)).toBe('yc-a')
  })
})
