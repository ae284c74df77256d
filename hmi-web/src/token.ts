// The bearer token of this page. For now a wall display's token, given once in the address as
// /?token=<token>: kept in sessionStorage (it survives a reload, not the tab) and taken out of the
// address bar so that it is not left in bookmarks or on screen. The login page comes later.

const KEY = 'helan.token'

interface Place {
  href: string
}

interface History {
  replaceState(data: unknown, unused: string, url: string): void
}

interface Store {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export function takeToken(place: Place, history: History, store: Store): string | null {
  const url = new URL(place.href)
  const given = url.searchParams.get('token')
  if (given) {
    store.setItem(KEY, given)
    url.searchParams.delete('token')
    history.replaceState(null, '', url.pathname + url.search + url.hash)
  }
  return store.getItem(KEY)
}

let token: string | null | undefined

/** The page's token, or null when it was opened without one (or outside a browser). */
export function pageToken(): string | null {
  if (token === undefined) {
    token = typeof window === 'undefined' ? null : takeToken(window.location, window.history, window.sessionStorage)
  }
  return token
}
