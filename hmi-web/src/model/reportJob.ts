// Reports generated on demand: the server runs a job and is polled for its step and share done
// (POST /api/report-jobs, GET /api/report-jobs/:id) until it is DONE (a stored revision to
// download) or FAILED (the server's reason).

/** The steps of a job, as the server names them (ReportStep; contract.test.ts checks). */
export const REPORT_STEPS = ['QUEUED', 'READING', 'WRITING_XLSX', 'WRITING_PDF', 'STORING', 'DONE', 'FAILED'] as const

export type ReportStep = (typeof REPORT_STEPS)[number]

export interface ReportRevision {
  id: string
  kind: 'daily' | 'monthly'
  first: string
  last: string
  revision: number
  generated: string
  reason: string
}

export interface ReportJob {
  id: string
  report: string
  kind: string
  first: string
  last: string
  user: string
  submitted: string
  step: ReportStep
  percent: number
  revision?: ReportRevision
  error?: string
}

export type ReportKind = 'daily' | 'monthly'

/** What a job's progress shows: the share done (0–100), and whether it ended and how. */
export interface JobProgress {
  percent: number
  finished: boolean
  failed: boolean
  step: string
}

export function jobProgress(job: ReportJob | null): JobProgress | null {
  if (!job) return null
  const known = (REPORT_STEPS as readonly string[]).includes(job.step)
  const percent = Math.max(0, Math.min(100, Number.isFinite(job.percent) ? job.percent : 0))
  const finished = job.step === 'DONE' || job.step === 'FAILED'
  return { percent: finished ? 100 : percent, finished, failed: job.step === 'FAILED', step: known ? job.step : 'QUEUED' }
}

/** The body of a generation request: a day (YYYY-MM-DD) or a month (YYYY-MM), checked by the server. */
export function reportRequest(kind: ReportKind, period: string): { day: string } | { month: string } {
  return kind === 'daily' ? { day: period.trim() } : { month: period.trim() }
}

/** The default period: yesterday, or last month, in local time. */
export function lastEnded(kind: ReportKind, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  if (kind === 'daily') {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1)
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  }
  const m = new Date(now.getFullYear(), now.getMonth() - 1, 1)
  return `${m.getFullYear()}-${pad(m.getMonth() + 1)}`
}
