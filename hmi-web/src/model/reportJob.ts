// Reports generated on demand: the server runs a job and is polled for its step and share done
// (POST /api/report-jobs, GET /api/report-jobs/:id) until it is DONE (a stored revision to
// download) or FAILED (the server's reason).

/** The steps of a job, as the server names them (ReportStep; contract.test.ts checks). */
export const REPORT_STEPS = ['QUEUED', 'READING', 'WRITING_XLSX', 'WRITING_PDF', 'STORING', 'DONE', 'FAILED'] as const

export type ReportStep = (typeof REPORT_STEPS)[number]

/** What a report covers, as the server names it (ReportScope.Kind; contract.test.ts checks). */
export const REPORT_SCOPE_KINDS = ['region', 'city', 'station'] as const

export type ReportScopeKind = (typeof REPORT_SCOPE_KINDS)[number]

/** A report's scope: the region (no id), a city or a station of the site file. */
export interface ReportScope {
  kind: ReportScopeKind
  id?: string
}

/** One scope a report may have, as GET /api/report-scopes lists them. */
export interface ReportScopeOption extends ReportScope {
  name: string
  scheduled: boolean
  stationKind?: string
  city?: string
}

export interface ReportRevision {
  id: string
  kind: 'daily' | 'monthly'
  scope?: ReportScope
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
  scope?: ReportScope
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

export type ReportRequest = ({ day: string } | { month: string }) & { scope: ReportScope }

/**
 * The body of a generation request: a day (YYYY-MM-DD) or a month (YYYY-MM) and the scope, checked
 * by the server. A city or station without an id (nothing picked yet) asks for the region.
 */
export function reportRequest(kind: ReportKind, period: string, scope: ReportScope = { kind: 'region' }): ReportRequest {
  const chosen: ReportScope = scope.kind !== 'region' && scope.id ? { kind: scope.kind, id: scope.id } : { kind: 'region' }
  return kind === 'daily' ? { day: period.trim(), scope: chosen } : { month: period.trim(), scope: chosen }
}

/** The scopes of one kind to pick from, in the server's order (the region has none to pick). */
export function scopeChoices(options: ReportScopeOption[], kind: ReportScopeKind): ReportScopeOption[] {
  return kind === 'region' ? [] : options.filter((o) => o.kind === kind && !!o.id)
}

/** A report's scope as shown: the name the server gave it, or its id when it is not listed. */
export function scopeName(scope: ReportScope | undefined, options: ReportScopeOption[]): string {
  const kind = scope?.kind ?? 'region'
  const found = options.find((o) => o.kind === kind && (kind === 'region' || o.id === scope?.id))
  return found?.name ?? scope?.id ?? ''
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
