// Fails the build when a JavaScript chunk of the HMI exceeds the limit (Vite's default warning
// size, 500 kB): each route is its own chunk, and ECharts is imported piece by piece, so a large
// chunk means something was imported whole or a lazy route became eager. Prints every chunk.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const LIMIT = 500 * 1000
const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'target', 'classes', 'hmi', 'assets')
const chunks = readdirSync(dir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => ({ f, size: statSync(join(dir, f)).size }))
  .sort((a, b) => b.size - a.size)
const tooLarge = chunks.filter((c) => c.size > LIMIT)
console.log(`HMI bundle: ${chunks.length} chunks, largest ${chunks[0]?.f} ${(chunks[0]?.size / 1000).toFixed(1)} kB (limit ${LIMIT / 1000} kB)`)
if (tooLarge.length > 0) {
  for (const c of tooLarge) console.error(`chunk over ${LIMIT / 1000} kB: ${c.f} ${(c.size / 1000).toFixed(1)} kB`)
  process.exit(1)
}
