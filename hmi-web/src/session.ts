// Who is signed in: the session token from POST /api/login (kept for this browser tab), or a
// token given on the page URL (?token=…, the wall display's display token). The token goes to
// REST as "Authorization: Bearer" and to the WebSocket as ?token=.

import { reactive } from 'vue'

export interface Session {
  token: string
  user: string
  roles: string[]
  /** Taken from the page URL (a wall display or a kiosk link): never sent to the login page. */
  fromUrl: boolean
}

const STORAGE_KEY = 'helan.session'

export const session = reactive<{ current: Session | null }>({ current: null })

/** The ?token= of a page URL, or null. */
export function tokenFromUrl(search: string): string | null {
  const token = new URLSearchParams(search).get('token')
  return token && token.trim() ? token.trim() : null
}

function stored(): Session | null {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY)
    if (!text) return null
    const s = JSON.parse(text) as Session
    return typeof s.token === 'string' && Array.isArray(s.roles) ? s : null
  } catch {
    return null
  }
}

/** Restores the session at start: the page URL's token wins over the stored one. */
export function restoreSession(search = window.location.search): void {
  const fromUrl = tokenFromUrl(search)
  if (fromUrl) {
    session.current = { token: fromUrl, user: '', roles: [], fromUrl: true }
    return
  }
  session.current = stored()
}

export function setSession(s: Session | null): void {
  session.current = s
  try {
    if (s && !s.fromUrl) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s))
    else sessionStorage.removeItem(STORAGE_KEY)
  } catch {
    // storage disabled: the session lasts as long as the page
  }
}

export function token(): string | null {
  return session.current?.token ?? null
}

export function roles(): string[] {
  return session.current?.roles ?? []
}
