import { describe, expect, it } from 'vitest'
import { takeToken } from './token'

function memoryStore() {
  const items = new Map<string, string>()
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) }
}

describe('takeToken', () => {
  it('keeps the token of the address and takes it out of the address bar', () => {
    const store = memoryStore()
    const replaced: string[] = []
    const history = { replaceState: (_d: unknown, _u: string, url: string) => void replaced.push(url) }
    expect(takeToken({ href: 'http://scada:8080/?lang=en&token=abc%2Bd#x' }, history, store)).toBe('abc+d')
    expect(replaced).toEqual(['/?lang=en#x'])
    expect(takeToken({ href: 'http://scada:8080/' }, history, store)).toBe('abc+d')
    expect(replaced).toHaveLength(1)
  })

  it('is null for a page opened without a token', () => {
    const history = { replaceState: () => {} }
    expect(takeToken({ href: 'http://scada:8080/' }, history, memoryStore())).toBeNull()
  })
})
