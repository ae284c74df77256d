import { describe, expect, it } from 'vitest'
import { jobProgress, lastEnded, reportRequest, type ReportJob } from './reportJob'

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
    expect(reportRequest('daily', ' 2026-12-06 ')).toEqual({ day: '2026-12-06' })
    expect(reportRequest('monthly', '2026-11')).toEqual({ month: '2026-11' })
    expect(lastEnded('daily', new Date(2026, 0, 1, 9))).toBe('2025-12-31')
    expect(lastEnded('monthly', new Date(2026, 0, 15))).toBe('2025-12')
  })
})
