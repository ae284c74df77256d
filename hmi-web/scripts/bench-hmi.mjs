// HMI benchmark: the built HMI (target/classes/hmi) in a real headless Chromium, on the wall
// display, against a synthetic site served by mock/mock-server.mjs (N stations × P points, every
// point changing every second, pushed over the WebSocket as the server pushes: one `values`
// message for all the stations that changed, every 250 ms). Measures
//   - first render: navigation start → map drawn with every station's marker showing a live value;
//   - frame work: per animation frame, from the frame's start (the rAF timestamp) to the first task
//     after its rendering (a message posted from rAF), i.e. rAF callbacks, Vue and ECharts updates,
//     style, layout and paint of that frame;
//   - frame interval: time between consecutive frames (a dropped frame shows as ≥ 2 × 16.7 ms);
//   - JS heap: performance.memory every 5 s, and the live heap after a forced GC every minute
//     (CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage) to tell growth from garbage;
//   - REST: the /api requests the page made and the bytes it read from them (resource timing);
//   - browser CPU: CPU time of every browser process (renderer, GPU/viz, browser) from /proc, per
//     second of the window. Frame work sees the renderer's main thread only (script, style, layout,
//     paint, commit); raster and compositing run on other threads and processes, and this counts
//     them. CPU time is also what a loaded machine disturbs least: compare builds by it.
// No packages: WebDriver over HTTP to chromedriver, CDP through chromedriver's goog/cdp/execute.
//
//   npm run build && node scripts/bench-hmi.mjs [--stations 200] [--points 20] [--seconds 60 |
//     --minutes 10] [--width 1920 --height 1080] [--path /wall] [--screenshot FILE] [--json FILE]
//     [--profile 1] [--static DIR (default target/classes/hmi)]
//   --path /emergency --vehicles 50 [--radiation 20]: the emergency display during an open drill,
//     with 50 monitoring vehicles driving around the release point and reporting position and
//     dose rate every second (and 20 of the stations radiation stations there); first render is
//     then the map with every vehicle and every radiation station's band.
//   --trace FILE (with node --experimental-websocket on Node 20): a Chrome trace of the window
//     (open it in chrome://tracing or Perfetto), and in the output the time per thread and the
//     main thread's time per event (script, Layout, Paint, Commit, GC …).

import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : dflt
}
const STATIONS = Number(opt('--stations', 200))
const POINTS = Number(opt('--points', 20))
const SECONDS = opt('--minutes', null) !== null ? Number(opt('--minutes')) * 60 : Number(opt('--seconds', 60))
const WIDTH = Number(opt('--width', 1920))
const HEIGHT = Number(opt('--height', 1080))
const PATH = opt('--path', '/wall')
const VEHICLES = Number(opt('--vehicles', 0))
const RADIATION = Number(opt('--radiation', VEHICLES > 0 ? 20 : 0))
const CHROMIUM = opt('--chromium', '/usr/bin/chromium')
const CHROMEDRIVER = opt('--chromedriver', '/usr/bin/chromedriver')
const STATIC = opt('--static', join(here, '..', 'target', 'classes', 'hmi'))
const TRACE = opt('--trace', null)
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'blink.user_timing']
if (TRACE && typeof WebSocket === 'undefined') {
  console.error('--trace needs a WebSocket client: run node --experimental-websocket scripts/bench-hmi.mjs … (Node 20), or Node 22')
  process.exit(2)
}
const WARM_UP_MS = 5000
const GC_EVERY_MS = 60_000

if (!existsSync(join(STATIC, 'index.html'))) {
  console.error(`no built HMI in ${STATIC}: run "npm run build" first`)
  process.exit(2)
}

const children = []
process.on('exit', () => children.forEach((c) => c.kill()))
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130))

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

/** Starts a child process and resolves once a line of its output matches. */
function start(cmd, argv, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let out = ''
    const onData = (d) => {
      out += d
      const m = out.match(ready)
      if (m) resolve({ child, match: m })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`${cmd} exited (${code}): ${out}`)))
  })
}

async function webdriver(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json()
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value ?? json)}`)
  return json.value
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * What the display shows once it is rendered with live data: on the emergency display the map with
 * every vehicle and every radiation station in its band; elsewhere every station's marker with a
 * live value.
 */
function renderedCheck() {
  const ready = "document.querySelector('[data-testid=map][data-ready=true]')"
  const count = (selector) => `document.querySelectorAll('${selector}').length`
  if (PATH.startsWith('/emergency')) {
    return `${ready} && ${count('[data-testid=vehicle-marker]:not([data-dose-rate=""])')} >= ${VEHICLES} && ${count('[data-testid=band-marker][data-band=normal]')} >= ${RADIATION}`
  }
  return `${ready} && ${count('[data-testid=map-marker][data-key-state=good]')} >= ${STATIONS + VEHICLES}`
}

/** Injected before the app's own scripts: frame recorder, first-render check, WebSocket counter. */
function instrumentation() {
  return `(() => {
  const b = (window.__bench = { work: [], interval: [], firstRender: null, heap: [], messages: 0, bytes: 0 });
  let last = 0;
  const channel = new MessageChannel();
  let frameStart = 0;
  channel.port1.onmessage = () => b.work.push(performance.now() - frameStart);
  function frame(t) {
    if (last) b.interval.push(t - last);
    last = t;
    frameStart = t;
    channel.port2.postMessage(0);
    if (b.firstRender === null && ${renderedCheck()}) {
      b.firstRender = t;
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  performance.setResourceTimingBufferSize(1000000);
  setInterval(() => performance.memory && b.heap.push([Math.round(performance.now()), performance.memory.usedJSHeapSize]), 5000);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (e) => { b.messages++; b.bytes += e.data.length; });
    }
  };
})();`
}

/** The 15 functions with the most self time in a CDP CPU profile (--profile). */
function topSelfTime(profile) {
  const self = new Map()
  const dt = profile.timeDeltas
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`
    self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0))
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([name, us]) => `${round((100 * us) / total)} % ${name}`)
}

/** Records a Chrome trace over the browser's own DevTools socket; stop() returns its events. */
async function startTrace(debuggerAddress) {
  const version = await (await fetch(`http://${debuggerAddress}/json/version`)).json()
  const socket = new WebSocket(version.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => {
    socket.onopen = resolve
    socket.onerror = reject
  })
  const events = []
  const answers = new Map()
  let complete
  const completed = new Promise((resolve) => (complete = resolve))
  socket.onmessage = (m) => {
    const msg = JSON.parse(m.data)
    if (msg.id) answers.get(msg.id)?.(msg)
    else if (msg.method === 'Tracing.dataCollected') events.push(...msg.params.value)
    else if (msg.method === 'Tracing.tracingComplete') complete()
  }
  let next = 0
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      const id = ++next
      answers.set(id, resolve)
      socket.send(JSON.stringify({ id, method, params }))
    })
  await send('Tracing.start', { traceConfig: { includedCategories: TRACE_CATEGORIES }, transferMode: 'ReportEvents' })
  return {
    async stop() {
      await send('Tracing.end')
      await completed
      socket.close()
      return events
    },
  }
}

/**
 * CPU time of the browser: every process under chromedriver (browser, renderer, GPU/viz, utility),
 * from /proc, in milliseconds, by process type. Counts what no in-page measure sees: raster and
 * compositing on other threads and processes.
 */
function browserCpu(rootPid) {
  const tick = 10 // ms per clock tick (USER_HZ 100)
  const procs = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      procs.push({ pid: Number(name), ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * tick })
    } catch {
      // gone meanwhile
    }
  }
  const under = new Set([rootPid])
  for (let grew = true; grew; ) {
    grew = false
    for (const p of procs) if (!under.has(p.pid) && under.has(p.ppid)) (under.add(p.pid), (grew = true))
  }
  const byPid = new Map()
  for (const p of procs) {
    if (!under.has(p.pid) || p.pid === rootPid) continue
    let type = 'browser'
    try {
      const m = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').match(/--type=([a-z-]+)/)
      if (m) type = m[1]
    } catch {
      // gone meanwhile
    }
    byPid.set(p.pid, { type, ms: p.ms })
  }
  return byPid
}

/** CPU ms per second of the window by process type, and in all. */
function cpuPerSecond(before, after, seconds) {
  const by = { total: 0 }
  for (const [pid, a] of after) {
    const ms = a.ms - (before.get(pid)?.ms ?? 0)
    by[a.type] = (by[a.type] ?? 0) + ms
    by.total += ms
  }
  return Object.fromEntries(Object.entries(by).map(([k, v]) => [k, round(v / seconds, 0)]))
}

/**
 * A trace's time by thread (top-level tasks) and, on the renderer's main thread, by event
 * (self time of the timeline events: script, style, layout, paint, GC …), ms per second.
 */
function traceBreakdown(events, seconds) {
  const threadNames = new Map()
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name)
  const byThread = {}
  const mainSelf = {}
  const perThread = new Map()
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue
    const key = `${e.pid}:${e.tid}`
    if (!perThread.has(key)) perThread.set(key, [])
    perThread.get(key).push(e)
  }
  for (const [key, list] of perThread) {
    const name = threadNames.get(key) ?? key
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur)
    // top-level: not inside an earlier event of the same thread
    let end = -1
    let top = 0
    const stack = []
    for (const e of list) {
      if (e.ts >= end) {
        top += e.dur
        end = e.ts + e.dur
      }
      if (name !== 'CrRendererMain') continue
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop()
      const parent = stack[stack.length - 1]
      if (parent) mainSelf[parent.name] = (mainSelf[parent.name] ?? 0) - e.dur
      mainSelf[e.name] = (mainSelf[e.name] ?? 0) + e.dur
      stack.push(e)
    }
    byThread[name] = (byThread[name] ?? 0) + top
  }
  const perSecond = (o) =>
    Object.fromEntries(
      Object.entries(o)
        .map(([k, us]) => [k, round(us / 1000 / seconds, 1)])
        .filter(([, v]) => v >= 0.5)
        .sort((a, b) => b[1] - a[1]),
    )
  return { threadsMsPerSecond: perSecond(byThread), mainThreadSelfMsPerSecond: perSecond(mainSelf) }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d
const mb = (bytes) => round(bytes / 1048576, 1)

async function main() {
  const mock = await start('node', [join(here, '..', 'mock', 'mock-server.mjs'), '--port', '0', '--static', STATIC, '--synthetic', String(STATIONS), '--points', String(POINTS), '--period', '1000', '--radiation', String(RADIATION), '--vehicles', String(VEHICLES)], /http:\/\/127\.0\.0\.1:(\d+)/)
  const site = `http://127.0.0.1:${mock.match[1]}`
  const driverPort = await freePort()
  const driver = await start(CHROMEDRIVER, [`--port=${driverPort}`], /started successfully|ChromeDriver was started/)
  const wd = `http://127.0.0.1:${driverPort}`
  const session = await webdriver(wd, 'POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'chrome',
        'goog:chromeOptions': {
          binary: CHROMIUM,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', `--window-size=${WIDTH},${HEIGHT}`],
        },
      },
    },
  })
  const s = `/session/${session.sessionId}`
  // A page that keeps its main thread busy must slow the benchmark down, not fail it.
  await webdriver(wd, 'POST', `${s}/timeouts`, { script: 600_000 })
  const cdp = (cmd, params = {}) => webdriver(wd, 'POST', `${s}/goog/cdp/execute`, { cmd, params })
  const script = (body, a = []) => webdriver(wd, 'POST', `${s}/execute/sync`, { script: body, args: a })
  try {
    await cdp('Page.enable')
    await cdp('Performance.enable')
    // The page gets exactly WIDTH × HEIGHT CSS pixels (a headless window's size includes no chrome,
    // but the viewport may still differ).
    await cdp('Emulation.setDeviceMetricsOverride', { width: WIDTH, height: HEIGHT, deviceScaleFactor: 1, mobile: false })
    await cdp('Page.addScriptToEvaluateOnNewDocument', { source: instrumentation() })
    await webdriver(wd, 'POST', `${s}/url`, { url: `${site}${PATH}?token=bench` })
    // First render: every marker with a live value; a wall that cannot get there within 60 s is
    // measured anyway (firstRenderMs null, and what it showed by then).
    const deadline = Date.now() + 60_000
    let firstRender = null
    let notReached
    while (firstRender === null && !notReached) {
      await sleep(200)
      firstRender = await script('return window.__bench && window.__bench.firstRender')
      if (firstRender === null && Date.now() > deadline) {
        notReached = await script("const m = [...document.querySelectorAll('[data-testid=map-marker]')]; const by = {}; for (const e of m) by[e.dataset.keyState] = (by[e.dataset.keyState] || 0) + 1; return { url: location.href, mapReady: document.querySelector('[data-testid=map]')?.dataset.ready, markers: m.length, keyStates: by, socket: document.querySelector('[data-testid=ws-state]')?.dataset.state, messages: window.__bench.messages }")
      }
    }
    await sleep(WARM_UP_MS)
    // Count from here: drop the frames of the start.
    await script('const b = window.__bench; b.work.length = 0; b.interval.length = 0; b.messages = 0; b.bytes = 0; b.heap.length = 0; performance.clearResourceTimings();')
    const metrics = async () => Object.fromEntries((await cdp('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
    if (opt('--profile', null)) {
      await cdp('Profiler.enable')
      await cdp('Profiler.start')
    }
    const tracing = TRACE ? await startTrace(session.capabilities['goog:chromeOptions'].debuggerAddress) : null
    const loadBefore = loadavg()[0]
    const before = await metrics()
    const cpuBefore = browserCpu(driver.child.pid)
    const started = Date.now()
    const liveHeap = []
    const sampleLiveHeap = async () => {
      await cdp('HeapProfiler.collectGarbage')
      const usage = await cdp('Runtime.getHeapUsage')
      liveHeap.push([Math.round((Date.now() - started) / 1000), usage.usedSize])
    }
    await sampleLiveHeap()
    while (Date.now() - started < SECONDS * 1000) {
      const left = SECONDS * 1000 - (Date.now() - started)
      await sleep(Math.min(GC_EVERY_MS, left))
      if (Date.now() - started < SECONDS * 1000) await sampleLiveHeap()
    }
    const measured = await script(
      "const b = window.__bench; const r = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')); return { work: b.work, interval: b.interval, heap: b.heap, messages: b.messages, bytes: b.bytes, requests: r.length, requestBytes: r.reduce((n, e) => n + e.decodedBodySize, 0) };",
    )
    const after = await metrics()
    const cpuAfter = browserCpu(driver.child.pid)
    const trace = tracing ? await tracing.stop() : undefined
    const hotspots = opt('--profile', null) ? topSelfTime((await cdp('Profiler.stop')).profile) : undefined
    await sampleLiveHeap()
    const elapsed = (Date.now() - started) / 1000
    const work = [...measured.work].sort((a, b) => a - b)
    const interval = [...measured.interval].sort((a, b) => a - b)
    const heapUsed = measured.heap.map(([, v]) => v)
    const result = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${round(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`,
      browser: session.capabilities.browserVersion,
      display: `${PATH} at ${WIDTH}×${HEIGHT}`,
      site: `${STATIONS} stations × ${POINTS} points (${RADIATION} of them radiation), every point every 1 s${VEHICLES ? `; ${VEHICLES} vehicles reporting position and dose rate every 1 s, an open drill` : ''}`,
      seconds: round(elapsed, 0),
      firstRenderMs: firstRender === null ? null : round(firstRender, 0),
      ...(notReached ? { firstRenderNotReachedIn60s: notReached } : {}),
      frames: work.length,
      frameWorkMs: { p50: round(percentile(work, 50)), p95: round(percentile(work, 95)), p99: round(percentile(work, 99)), max: round(work[work.length - 1] ?? NaN) },
      frameIntervalMs: { p50: round(percentile(interval, 50)), p95: round(percentile(interval, 95)), p99: round(percentile(interval, 99)), max: round(interval[interval.length - 1] ?? NaN) },
      droppedFramesPercent: round((100 * interval.filter((x) => x > 25).length) / Math.max(1, interval.length), 2),
      mainThreadMsPerSecond: Object.fromEntries(
        ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'].map((k) => [k.replace('Duration', ''), round(((after[k] - before[k]) * 1000) / elapsed, 0)]),
      ),
      browserCpuMsPerSecond: cpuPerSecond(cpuBefore, cpuAfter, elapsed),
      loadAverage: [round(loadBefore, 1), round(loadavg()[0], 1)],
      ...(trace ? traceBreakdown(trace, elapsed) : {}),
      wsMessagesPerSecond: round(measured.messages / elapsed, 0),
      wsKiBPerSecond: round(measured.bytes / 1024 / elapsed, 0),
      apiRequestsPerSecond: round(measured.requests / elapsed, 1),
      apiKiBPerSecond: round(measured.requestBytes / 1024 / elapsed, 0),
      heapUsedMiB: { min: mb(Math.min(...heapUsed)), max: mb(Math.max(...heapUsed)) },
      liveHeapAfterGcMiB: liveHeap.map(([t, v]) => [t, mb(v)]),
      ...(hotspots ? { hotspots } : {}),
    }
    console.log(JSON.stringify(result, null, 2))
    if (TRACE) writeFileSync(TRACE, JSON.stringify({ traceEvents: trace }))
    if (opt('--json', null)) writeFileSync(opt('--json'), JSON.stringify(result, null, 2) + '\n')
    if (opt('--screenshot', null)) {
      try {
        const png = await webdriver(wd, 'GET', `${s}/screenshot`)
        writeFileSync(opt('--screenshot'), Buffer.from(png, 'base64'))
      } catch (e) {
        console.error(`no screenshot (the page did not answer in time): ${e.message.slice(0, 120)}`)
      }
    }
  } finally {
    await webdriver(wd, 'DELETE', s).catch(() => {})
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e.message)
    process.exit(1)
  },
)
