// REST client for the server's /api (docs/contracts.md).

import type { History, StationDetail, StationSummary } from './model/types'
import { pageToken } from './token'

const TIMEOUT_MS = 10_000

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message)
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), TIMEOUT_MS)
  const onAbort = () => timeout.abort()
  signal?.addEventListener('abort', onAbort)
  try {
    const headers: Record<string, string> = { Accept: 'application/json' }
    const token = pageToken()
    if (token) headers.Authorization = `Bearer ${token}`
    const res = await fetch(path, { signal: timeout.signal, headers, cache: 'no-store' })
    if (!res.ok) throw new ApiError(`HTTP ${res.status} ${path}`, res.status)
    return (await res.json()) as T
  } catch (e) {
    if (e instanceof ApiError) throw e
    if (timeout.signal.aborted && !signal?.aborted) throw new ApiError(`timeout ${path}`)
    throw e
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

export function fetchStations(signal?: AbortSignal): Promise<StationSummary[]> {
  return getJson('/api/stations', signal)
}

export function fetchStation(id: string, signal?: AbortSignal): Promise<StationDetail> {
  return getJson(`/api/stations/${encodeURIComponent(id)}`, signal)
}

export function fetchHistory(pointId: string, from: string, to: string, step = '1m', signal?: AbortSignal): Promise<History> {
  const q = new URLSearchParams({ from, to, step })
  return getJson(`/api/points/${encodeURIComponent(pointId)}/history?${q}`, signal)
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
