// A stand-in for the Helan server's REST and WebSocket API (docs/contracts.md) for HMI work
// without the Java server: `node mock/mock-server.mjs [--port 8090] [--static target/classes/hmi]`,
// then `HELAN_SERVER=http://127.0.0.1:8090 npm run dev`. No dependencies; loopback only.
// It shows every state the HMI must render: good, stale (no updates), bad (comm lost, sensor
// failure), uncertain, waiting for data, flags C/M/D, a device whose link flaps.
// `--synthetic N [--points P] [--period MS]` serves instead a synthetic site for benchmarks: N air
// stations spread over Ningxia's five cities, P points each (default 20), every point changing
// every MS milliseconds (default 1000). `--radiation R` makes R of them gamma stations around
// Yinchuan; `--vehicles V` adds V emergency monitoring vehicles (stations of kind
// radiation-vehicle) driving around Yinchuan and reporting position and dose rate every second,
// with an open drill incident there (its plume estimate, timeline and the vehicles' tracks), for
// the emergency display. `--port 0` takes a free port; the first line printed names it.

import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'

const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : dflt
}
const PORT = Number(opt('--port', process.env.PORT ?? 8090))
const STATIC = opt('--static', null)
const SYNTHETIC = opt('--synthetic', null) === null ? 0 : Number(opt('--synthetic'))
const SYNTHETIC_POINTS = Number(opt('--points', 20))
const POLL_MS = Number(opt('--period', SYNTHETIC ? 1000 : 3000))
const RADIATION = Number(opt('--radiation', 0))
const VEHICLES = Number(opt('--vehicles', 0))
const STARTED = Date.now()

const AIR = [
  ['so2', '二氧化硫', 'a21026', 'µg/m³', 0, 1000, 12],
  ['no2', '二氧化氮', 'a21004', 'µg/m³', 0, 1000, 35],
  ['co', '一氧化碳', 'a21005', 'mg/m³', 0, 50, 0.8],
  ['o3', '臭氧', 'a05024', 'µg/m³', 0, 1000, 60],
  ['pm10', 'PM10', 'a34002', 'µg/m³', 0, 1000, 85],
  ['pm25', 'PM2.5', 'a34004', 'µg/m³', 0, 1000, 38],
  ['temperature', '气温', 'a01001', '°C', -40, 60, 4.5],
  ['humidity', '湿度', 'a01002', '%', 0, 100, 42],
  ['wind-speed', '风速', 'a01007', 'm/s', 0, 60, 3.2],
  ['wind-direction', '风向', 'a01008', '°', 0, 360, 290],
  ['status', '仪器状态', null, '–', 0, 65535, 0],
]
const WATER = [
  ['water-temperature', '水温', 'w01010', '°C', -5, 40, 6.2],
  ['ph', 'pH', 'w01001', '–', 0, 14, 7.85],
  ['do', '溶解氧', 'w01009', 'mg/L', 0, 20, 9.4],
  ['conductivity', '电导率', 'w01014', 'µS/cm', 0, 5000, 812],
  ['turbidity', '浊度', 'w01003', 'NTU', 0, 1000, 14],
  ['codmn', '高锰酸盐指数', 'w01019', 'mg/L', 0, 20, 3.1],
  ['nh3n', '氨氮', 'w21003', 'mg/L', 0, 10, 0.42],
  ['tp', '总磷', 'w21011', 'mg/L', 0, 2, 0.08],
  ['tn', '总氮', 'w21001', 'mg/L', 0, 20, 1.9],
  ['status', '仪器状态', null, '–', 0, 65535, 0],
]
const GAMMA = [
  ['dose-rate', '剂量率', null, 'nGy/h', 0, 100000, 86],
  ['high-voltage', '高压', null, 'V', 0, 2000, 812],
  ['detector-temperature', '探测器温度', null, '°C', -40, 60, 18.5],
  ['rain', '感雨', null, '–', 0, 1, 0],
  ['sampler-flow', '采样流量', null, 'm³/h', 0, 100, 0],
  ['mode', '运行模式', null, '–', 0, 2, 0],
]

const VEHICLE = [
  ['dose-rate', '剂量率', null, 'nGy/h', 0, 100000, 86],
  ['latitude', '纬度', null, '°', -90, 90, 0],
  ['longitude', '经度', null, '°', -180, 180, 0],
  ['speed', '车速', null, 'm/s', 0, 60, 0],
  ['drill', '演练', null, '–', 0, 1, 1],
]

const REGIONS = {
  yinchuan: ['银川市', 'Yinchuan'],
  shizuishan: ['石嘴山市', 'Shizuishan'],
  wuzhong: ['吴忠市', 'Wuzhong'],
  guyuan: ['固原市', 'Guyuan'],
  zhongwei: ['中卫市', 'Zhongwei'],
  ningdong: ['宁东基地', 'Ningdong'],
}

// id, name, nameEn, kind, region, behaviour
const STATIONS = [
  ['yc-xinghuayuan', '兴华园', 'Xinghuayuan', 'air-city', 'yinchuan', 'calibrating'],
  ['yc-xueyuanlu', '学院路', 'Xueyuan Road', 'air-city', 'yinchuan', ''],
  ['yc-helanshan', '贺兰山东路', 'Helanshan East Rd', 'air-city', 'yinchuan', ''],
  ['yc-yongning', '永宁县', 'Yongning County', 'air-county', 'yinchuan', 'flapping'],
  ['yc-super', '银川超级站', 'Yinchuan Super Station', 'air-super', 'yinchuan', ''],
  ['yc-gamma', '银川辐射站', 'Yinchuan Radiation', 'radiation-gamma', 'yinchuan', ''],
  ['szs-dawukou', '大武口', 'Dawukou', 'air-city', 'shizuishan', ''],
  ['szs-park', '石嘴山园区', 'Shizuishan Park', 'air-park', 'shizuishan', 'down'],
  ['szs-huinong', '惠农区', 'Huinong', 'air-county', 'shizuishan', ''],
  ['szs-yellowriver', '黄河麻黄沟', 'Yellow River Mahuanggou', 'water-section', 'shizuishan', 'maintenance'],
  ['wz-litong', '利通区', 'Litong', 'air-city', 'wuzhong', ''],
  ['wz-regional', '吴忠区域站', 'Wuzhong Regional', 'air-regional', 'wuzhong', 'uncertain'],
  ['wz-source', '吴忠水源地', 'Wuzhong Drinking Water', 'water-source', 'wuzhong', ''],
  ['gy-yuanzhou', '原州区', 'Yuanzhou', 'air-city', 'guyuan', ''],
  ['gy-gamma', '固原辐射站', 'Guyuan Radiation', 'radiation-gamma', 'guyuan', 'stale'],
  ['zw-shapotou', '沙坡头', 'Shapotou', 'air-dust', 'zhongwei', 'fault'],
  ['zw-shapotou-city', '中卫市区', 'Zhongwei City', 'air-city', 'zhongwei', ''],
  ['nd-park', '宁东园区', 'Ningdong Park', 'air-park', 'ningdong', ''],
  ['nd-gamma', '宁东辐射站', 'Ningdong Radiation', 'radiation-gamma', 'ningdong', 'waiting'],
]

/** N air stations on a grid over each city's rough extent (lon/lat boxes), all behaving normally. */
function syntheticStations(n) {
  const boxes = {
    shizuishan: [106.2, 38.85, 106.8, 39.3],
    yinchuan: [105.9, 38.2, 106.6, 38.8],
    wuzhong: [105.9, 37.2, 106.8, 38.0],
    zhongwei: [104.6, 37.0, 105.6, 37.6],
    guyuan: [105.8, 35.6, 106.6, 36.6],
  }
  const regions = Object.keys(boxes)
  const list = []
  for (let i = 0; i < n; i++) {
    const region = regions[i % regions.length]
    const [w, s, e, nn] = boxes[region]
    const k = Math.floor(i / regions.length)
    const per = Math.ceil(n / regions.length)
    const cols = Math.ceil(Math.sqrt(per))
    const lon = w + ((k % cols) + 0.5) * ((e - w) / cols)
    const lat = s + (Math.floor(k / cols) + 0.5) * ((nn - s) / cols)
    const id = `syn-${String(i + 1).padStart(4, '0')}`
    list.push([id, `合成站 ${i + 1}`, `Synthetic ${i + 1}`, 'air-city', region, '', lat, lon])
  }
  return list
}

// The drill incident of --vehicles: a release at Yinchuan, the plume blowing towards the south-east.
const INCIDENT = { id: 'drill-bench', latitude: 38.47, longitude: 106.27, windFrom: 315, windSpeed: 3.5 }
const KM_LAT = 1 / 111.2
const KM_LON = 1 / (111.2 * Math.cos((INCIDENT.latitude * Math.PI) / 180))

/** Where vehicle i is at time t (ms): a circle of 3–15 km around the release point at 12 m/s. */
function vehicleAt(i, t) {
  const radius = 3 + (i % 13)
  const angle = (i * 2.4) + ((12 / 1000) * ((t - STARTED) / 1000)) / radius
  const latitude = INCIDENT.latitude + radius * Math.sin(angle) * KM_LAT
  const longitude = INCIDENT.longitude + radius * Math.cos(angle) * KM_LON
  return { latitude, longitude, doseRate: doseAt(latitude, longitude), speed: 12 }
}

/** Background plus a plume along the wind, nGy/h. */
function doseAt(latitude, longitude) {
  const x = (longitude - INCIDENT.longitude) / KM_LON
  const y = (latitude - INCIDENT.latitude) / KM_LAT
  const towards = ((INCIDENT.windFrom + 180) * Math.PI) / 180
  const along = x * Math.sin(towards) + y * Math.cos(towards)
  const across = x * Math.cos(towards) - y * Math.sin(towards)
  return 85 + (along > 0 ? (2000 / (1 + along)) * Math.exp(-(across * across) / (2 * (0.3 + 0.12 * along) ** 2)) : 0)
}

/** R gamma stations on rings around the release point, then air stations as before. */
function syntheticSite(n) {
  const list = syntheticStations(n)
  for (let i = 0; i < Math.min(RADIATION, n); i++) {
    const km = 4 + 4 * Math.floor(i / 8)
    const angle = (i % 8) * (Math.PI / 4) + Math.floor(i / 8) * 0.4
    const [id] = list[i]
    list[i] = [id, `合成辐射站 ${i + 1}`, `Synthetic radiation ${i + 1}`, 'radiation-gamma', 'yinchuan', '', INCIDENT.latitude + km * Math.sin(angle) * KM_LAT, INCIDENT.longitude + km * Math.cos(angle) * KM_LON]
  }
  for (let i = 0; i < VEHICLES; i++) {
    const base = vehicleAt(i, STARTED)
    list.push([`veh-${String(i + 1).padStart(3, '0')}`, `应急监测车 ${i + 1}`, `Survey vehicle ${i + 1}`, 'radiation-vehicle', 'yinchuan', `vehicle:${i}`, base.latitude, base.longitude])
  }
  return list
}

/** The air points, then auxiliary ones up to the requested count. */
function syntheticPoints(count, base = AIR) {
  const table = base.slice(0, count)
  for (let i = table.length; i < count; i++) table.push([`aux-${i + 1}`, `辅助量 ${i + 1}`, null, 'V', 0, 100, 12 + i])
  return table
}

const now = () => Date.now()
const iso = (ms) => new Date(ms).toISOString()
const stations = new Map()

for (const [id, name, nameEn, kind, region, behaviour, lat, lon] of SYNTHETIC ? syntheticSite(SYNTHETIC) : STATIONS) {
  const type = kind === 'radiation-vehicle' ? 'survey-vehicle' : kind.startsWith('water') ? 'water-analyser-rack' : kind === 'radiation-gamma' ? 'gamma-station' : 'air-analyser-rack'
  const table =
    type === 'survey-vehicle' ? VEHICLE : SYNTHETIC ? syntheticPoints(SYNTHETIC_POINTS, type === 'gamma-station' ? GAMMA : AIR) : type === 'water-analyser-rack' ? WATER : type === 'gamma-station' ? GAMMA : AIR
  const devId = `${id}.${type === 'survey-vehicle' ? 'vehicle' : type === 'gamma-station' ? 'gamma' : type === 'water-analyser-rack' ? 'wqm' : 'aqm'}`
  const points = table.map(([key, pname, code, unit, lo, hi, base]) => ({
    id: `${devId}.${key}`,
    name: pname,
    code,
    unit,
    rangeLow: lo,
    rangeHigh: hi,
    base: base * (0.8 + 0.4 * Math.random()),
    value: null,
    quality: 'BAD_WAITING_FOR_INITIAL_DATA',
    flag: 'N',
    time: null,
    change: 0,
  }))
  const device = {
    id: devId,
    name: type === 'gamma-station' ? '辐射监测仪' : type === 'water-analyser-rack' ? '水质分析仪' : '空气分析仪',
    type,
    protocol: type === 'gamma-station' || type === 'survey-vehicle' ? 'opc-ua' : 'modbus-tcp',
    linkState: behaviour === 'down' ? 'DISCONNECTED' : 'CONNECTED',
    points,
  }
  stations.set(id, {
    id, name, nameEn, kind, region, regionName: REGIONS[region][0], regionNameEn: REGIONS[region][1],
    latitude: lat ?? 38.5, longitude: lon ?? 106.2, behaviour, devices: [device], change: 0,
  })
}

let changeSeq = 0
const clients = new Set()

function sample(st, p, t) {
  const key = p.id.slice(p.id.lastIndexOf('.') + 1)
  let v
  if (st.behaviour.startsWith('vehicle:')) {
    const at = vehicleAt(Number(st.behaviour.slice('vehicle:'.length)), t)
    v = key === 'dose-rate' ? at.doseRate : key === 'latitude' ? at.latitude : key === 'longitude' ? at.longitude : key === 'speed' ? at.speed : 1
    return { value: v, quality: 'GOOD', flag: 'X' }
  }
  if (st.kind === 'radiation-gamma' && key === 'dose-rate' && SYNTHETIC) v = doseAt(st.latitude, st.longitude) * (1 + 0.02 * (Math.random() - 0.5))
  else if (['status', 'rain', 'mode'].includes(key)) v = 0
  else if (key === 'wind-direction') v = (p.base + 30 * Math.sin(t / 60000)) % 360
  else v = Math.max(p.rangeLow, p.base * (1 + 0.08 * Math.sin(t / 45000 + p.base) + 0.03 * (Math.random() - 0.5)))
  let quality = 'GOOD'
  let flag = 'N'
  if (st.behaviour === 'calibrating' && key === 'so2') flag = 'C'
  if (st.behaviour === 'maintenance') flag = 'M'
  if (st.behaviour === 'uncertain' && key === 'pm10') quality = 'UNCERTAIN'
  if (st.behaviour === 'fault' && ['pm25', 'pm10'].includes(key)) {
    quality = 'BAD_SENSOR_FAILURE'
    flag = 'D'
  }
  return { value: v, quality, flag }
}

function write(st, p, s, t) {
  Object.assign(p, s, { time: iso(t), change: ++changeSeq })
  st.change = changeSeq
}

function poll(st) {
  const t = now()
  for (const d of st.devices) {
    for (const p of d.points) {
      if (st.behaviour === 'waiting') continue
      if (d.linkState !== 'CONNECTED') {
        if (p.quality !== 'BAD_COMMUNICATION' && p.value !== null) write(st, p, { quality: 'BAD_COMMUNICATION' }, Date.parse(p.time))
        continue
      }
      write(st, p, sample(st, p, t), t)
    }
  }
}

// Start: one sample everywhere (the "stale" station's sample is two minutes old and never renewed;
// the "down" station had values before its link was lost).
for (const st of stations.values()) {
  const t = st.behaviour === 'stale' || st.behaviour === 'down' ? now() - 120_000 : now()
  for (const d of st.devices) for (const p of d.points) if (st.behaviour !== 'waiting') write(st, p, sample(st, p, t), t)
  if (st.behaviour === 'down') for (const d of st.devices) for (const p of d.points) write(st, p, { quality: 'BAD_COMMUNICATION' }, t)
}
let k = 0
for (const st of stations.values()) {
  if (st.behaviour === 'stale') continue
  const offset = SYNTHETIC ? Math.floor((k++ * POLL_MS) / stations.size) : (k++ * 150) % POLL_MS
  setTimeout(() => setInterval(() => poll(st), POLL_MS), offset)
}

// The flapping station's device drops for 20 s every 60 s.
const flap = [...stations.values()].find((s) => s.behaviour === 'flapping')
if (flap) {
  setInterval(() => {
    const d = flap.devices[0]
    d.linkState = d.linkState === 'CONNECTED' ? 'DISCONNECTED' : 'CONNECTED'
    linkChanged(flap, d)
  }, 30_000)
}

function summary(st) {
  let points = 0
  let good = 0
  for (const d of st.devices) for (const p of d.points) {
    points++
    if (p.quality === 'GOOD') good++
  }
  const worst = st.devices.some((d) => d.linkState !== 'CONNECTED') ? 'DISCONNECTED' : 'CONNECTED'
  const { id, name, nameEn, kind, region, regionName, latitude, longitude } = st
  return { id, name, nameEn, kind, region, regionName, latitude, longitude, linkState: worst, points, goodPoints: good }
}

const pointJson = (p) => ({ id: p.id, value: p.value, quality: p.quality, flag: p.flag, time: p.time })

function detail(st) {
  return {
    ...summary(st),
    devices: st.devices.map((d) => ({
      id: d.id, name: d.name, type: d.type, protocol: d.protocol, linkState: d.linkState,
      points: d.points.map((p) => ({ ...pointJson(p), name: p.name, code: p.code, unit: p.unit, rangeLow: p.rangeLow, rangeHigh: p.rangeHigh })),
    })),
  }
}

function findPoint(id) {
  for (const st of stations.values()) for (const d of st.devices) for (const p of d.points) if (p.id === id) return p
  return null
}

function history(p, from, to) {
  const rows = []
  const start = Math.ceil(from / 60000) * 60000
  for (let t = start; t < to; t += 60000) {
    const minute = Math.floor(t / 60000) % 60
    if (minute >= 20 && minute < 24) continue // a gap, as after an outage
    const v = p.base * (1 + 0.15 * Math.sin(t / 600000 + p.base))
    rows.push({ time: iso(t), avg: v, min: v * 0.95, max: v * 1.05, count: 20 })
  }
  return { point: p.id, from: iso(from), to: iso(to), step: '1m', rows }
}

// ---- the drill incident and the vehicles (--vehicles) ----
const vehicleStations = () => [...stations.values()].filter((st) => st.kind === 'radiation-vehicle')
const gammaStations = () => [...stations.values()].filter((st) => st.kind === 'radiation-gamma')
const pointValue = (st, key) => st.devices[0].points.find((p) => p.id.endsWith(`.${key}`))?.value ?? null

function incident() {
  const gamma = gammaStations().map((st) => st.id)
  const step = (id, kind, target, state) => ({ id, class: 'plant', kind, target, description: `${kind} ${target}`, state, doneBy: state === 'DONE' ? 'bench' : null, doneAt: state === 'DONE' ? iso(STARTED) : null, detail: null })
  return {
    id: INCIDENT.id, drill: true, type: 'nuclear-facility', class: 'plant', className: 'Plant emergency',
    latitude: INCIDENT.latitude, longitude: INCIDENT.longitude, occurredAt: iso(STARTED - 600_000), note: 'benchmark drill',
    declaredAt: iso(STARTED - 590_000), declaredBy: 'bench', endedAt: null, endedBy: null, open: true,
    checklist: [step('measure', 'MEASUREMENT', 'stations in 30 km', 'DONE'), step('samplers', 'SAMPLERS', 'downwind stations', 'RUNNING'), step('notify', 'NOTIFICATION', 'city', 'PENDING')],
    highFrequencyStations: gamma, stationsInRange: gamma, sourcesInRange: [],
  }
}

function timeline() {
  const kinds = ['DECLARED', 'STEP', 'ORDER', 'ORDER_RESULT', 'VEHICLE', 'NOTE', 'PLUME']
  return kinds.map((kind, n) => ({ seq: n + 1, time: iso(STARTED - 590_000 + n * 30_000), incident: INCIDENT.id, kind, user: 'bench', text: `${kind.toLowerCase()} (benchmark)`, detail: {} }))
}

/** The footprint's edges where the increase crosses each level, by marching squares on a 200 × 200 grid. */
function contours() {
  const size = 200
  const km = 34
  const south = INCIDENT.latitude - km * KM_LAT
  const west = INCIDENT.longitude - km * KM_LON
  const dLat = (2 * km * KM_LAT) / (size - 1)
  const dLon = (2 * km * KM_LON) / (size - 1)
  const grid = []
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) grid.push(doseAt(south + r * dLat, west + c * dLon) - 85)
  const at = (r, c) => grid[r * size + c]
  return [10, 100, 1000].map((level) => {
    const segments = []
    for (let r = 0; r < size - 1; r++) {
      for (let c = 0; c < size - 1; c++) {
        const corners = [[r, c], [r, c + 1], [r + 1, c + 1], [r + 1, c]]
        const crossings = []
        for (let e = 0; e < 4; e++) {
          const [r1, c1] = corners[e]
          const [r2, c2] = corners[(e + 1) % 4]
          const a = at(r1, c1) - level
          const b = at(r2, c2) - level
          if ((a < 0) === (b < 0)) continue
          const f = a / (a - b)
          crossings.push([south + (r1 + f * (r2 - r1)) * dLat, west + (c1 + f * (c2 - c1)) * dLon])
        }
        for (let k = 0; k + 1 < crossings.length; k += 2) segments.push([...crossings[k], ...crossings[k + 1]])
      }
    }
    return { level, segments }
  })
}

let plumeContours = null
function plume() {
  plumeContours ??= contours()
  return {
    time: iso(now()), latitude: INCIDENT.latitude, longitude: INCIDENT.longitude, releaseHeight: 30,
    windSpeed: INCIDENT.windSpeed, windFrom: INCIDENT.windFrom, cloudCover: 0.4, weatherSource: 'entered', stability: 'D',
    releaseRate: 1e12, fitted: true,
    stations: gammaStations().map((st) => {
      const measured = pointValue(st, 'dose-rate') ?? 85
      return { station: st.id, latitude: st.latitude, longitude: st.longitude, measured, background: 85, measuredIncrease: measured - 85, estimatedIncrease: doseAt(st.latitude, st.longitude) - 85 }
    }),
    contours: plumeContours,
  }
}

function vehicles() {
  return vehicleStations().map((st) => {
    const dev = st.devices[0].id
    return {
      id: st.id, name: st.name, nameEn: st.nameEn, base: { latitude: st.latitude, longitude: st.longitude }, reporting: true,
      latitude: pointValue(st, 'latitude'), longitude: pointValue(st, 'longitude'), doseRate: pointValue(st, 'dose-rate'), flag: 'X',
      points: { latitude: `${dev}.latitude`, longitude: `${dev}.longitude`, doseRate: `${dev}.dose-rate` },
    }
  })
}

/** A vehicle's fixes, one a second, from `from` (at most an hour back) to now. */
function track(st, from) {
  const i = Number(st.behaviour.slice('vehicle:'.length))
  const to = now()
  const fixes = []
  for (let t = Math.max(Math.ceil(from / 1000) * 1000, to - 3600_000); t <= to; t += 1000) {
    const at = vehicleAt(i, t)
    fixes.push({ time: iso(t), latitude: at.latitude, longitude: at.longitude, doseRate: at.doseRate, flag: 'X' })
  }
  return { vehicle: st.id, fixes }
}

function emergencyRoute(path, url) {
  if (path === '/api/incidents/current') return incident()
  if (path === '/api/incidents') return [incident()]
  if (path === `/api/incidents/${INCIDENT.id}/timeline`) return timeline()
  if (path === '/api/incidents/current/plume') return plume()
  if (path === '/api/vehicles') return vehicles()
  if (path === '/api/sources') return []
  const m = path.match(/^\/api\/vehicles\/([^/]+)\/track$/)
  const st = m && stations.get(decodeURIComponent(m[1]))
  if (st && st.kind === 'radiation-vehicle') return track(st, Date.parse(url.searchParams.get('from') ?? '') || now() - 3600_000)
  return undefined
}

// ---- HTTP ----
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.geojson': 'application/json' }

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x')
  const json = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    res.end(JSON.stringify(body))
  }
  let m
  if (url.pathname === '/api/health') return json(200, { status: 'UP', site: 'mock', stations: stations.size, points: 0, ingestedTotal: changeSeq })
  if (url.pathname === '/api/stations') return json(200, [...stations.values()].map(summary))
  if ((m = url.pathname.match(/^\/api\/stations\/([^/]+)$/))) {
    const st = stations.get(decodeURIComponent(m[1]))
    return st ? json(200, detail(st)) : json(404, { error: 'no such station' })
  }
  if ((m = url.pathname.match(/^\/api\/points\/([^/]+)\/history$/))) {
    const p = findPoint(decodeURIComponent(m[1]))
    if (!p) return json(404, { error: 'no such point' })
    const to = Date.parse(url.searchParams.get('to') ?? '') || now()
    const from = Date.parse(url.searchParams.get('from') ?? '') || to - 3600_000
    return json(200, history(p, from, to))
  }
  const answer = VEHICLES > 0 && url.pathname.startsWith('/api/') ? emergencyRoute(url.pathname, url) : undefined
  if (answer !== undefined) return json(200, answer)
  if (url.pathname.startsWith('/api/')) return json(404, { error: 'no such resource' })
  if (!STATIC) return json(404, { error: 'no static files (use --static DIR)' })
  // Routes of the HMI (/wall, /stations/x …) are answered with index.html, as the server does.
  const route = url.pathname === '/' || !extname(url.pathname)
  const rel = normalize(route ? '/index.html' : url.pathname).replace(/^(\.\.[/\\])+/, '')
  try {
    const body = await readFile(join(STATIC, rel))
    res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' })
    res.end(body)
  } catch {
    res.writeHead(404)
    res.end()
  }
})

// ---- WebSocket (RFC 6455, text frames only) ----
function frame(text) {
  const data = Buffer.from(text)
  const n = data.length
  const head = n < 126 ? Buffer.from([0x81, n]) : n < 65536 ? Buffer.from([0x81, 126, n >> 8, n & 255]) : Buffer.alloc(10)
  if (n >= 65536) {
    head[0] = 0x81
    head[1] = 127
    head.writeBigUInt64BE(BigInt(n), 2)
  }
  return Buffer.concat([head, data])
}

function send(c, obj) {
  if (!c.socket.destroyed) c.socket.write(frame(JSON.stringify(obj)))
}

function linkChanged(st, d) {
  for (const c of clients) if (c.wanted.has('*') || c.wanted.has(st.id)) send(c, { type: 'link', station: st.id, device: d.id, state: d.linkState })
}

server.on('upgrade', (req, socket) => {
  if (new URL(req.url, 'http://x').pathname !== '/ws') return socket.destroy()
  const accept = createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64')
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
  const c = { socket, wanted: new Set(), sentUpTo: 0, named: new Set(), buf: Buffer.alloc(0) }
  clients.add(c)
  socket.on('close', () => clients.delete(c))
  socket.on('error', () => clients.delete(c))
  socket.on('data', (chunk) => {
    c.buf = Buffer.concat([c.buf, chunk])
    while (c.buf.length >= 2) {
      const op = c.buf[0] & 15
      let len = c.buf[1] & 127
      let off = 2
      if (len === 126) {
        if (c.buf.length < 4) return
        len = c.buf.readUInt16BE(2)
        off = 4
      } else if (len === 127) {
        if (c.buf.length < 10) return
        len = Number(c.buf.readBigUInt64BE(2))
        off = 10
      }
      if (c.buf.length < off + 4 + len) return
      const mask = c.buf.subarray(off, off + 4)
      const payload = Buffer.from(c.buf.subarray(off + 4, off + 4 + len)).map((b, i) => b ^ mask[i % 4])
      c.buf = c.buf.subarray(off + 4 + len)
      if (op === 8) return socket.end()
      if (op !== 1) continue
      try {
        const msg = JSON.parse(payload.toString())
        if (msg.type === 'subscribe' && Array.isArray(msg.stations)) {
          c.wanted = new Set(msg.stations)
          c.sentUpTo = 0 // a new subscription replays every point, as the server does
          c.named.clear()
        }
      } catch {
        send(c, { type: 'error', message: 'not JSON' })
      }
    }
  })
})

setInterval(() => {
  for (const c of clients) {
    if (c.wanted.size === 0) continue
    // Compact frames as the server sends them: one message for every station that changed, each
    // station's point ids once per connection, then [index, value, ms after t0, quality, flag].
    let t0 = null
    const entries = []
    for (const st of stations.values()) {
      if (!(c.wanted.has('*') || c.wanted.has(st.id)) || st.change <= c.sentUpTo) continue
      const all = st.devices.flatMap((d) => d.points)
      const changed = all.map((p, i) => [p, i]).filter(([p]) => p.change > c.sentUpTo)
      if (!changed.length) continue
      t0 ??= Date.parse(changed[0][0].time) || 0
      const points = changed.map(([p, i]) => [i, p.value, p.time ? Date.parse(p.time) - t0 : null, p.quality, p.flag])
      const ids = c.named.has(st.id) ? undefined : all.map((p) => p.id)
      c.named.add(st.id)
      entries.push({ station: st.id, ids, points })
    }
    if (entries.length) send(c, { type: 'values', t0, stations: entries })
    c.sentUpTo = changeSeq
  }
}, 250)

server.listen(PORT, '127.0.0.1', () =>
  console.log(`mock Helan server on http://127.0.0.1:${server.address().port}${STATIC ? ` serving ${STATIC}` : ''}${SYNTHETIC ? ` (synthetic: ${SYNTHETIC} stations × ${SYNTHETIC_POINTS} points every ${POLL_MS} ms, ${RADIATION} of them radiation, ${VEHICLES} vehicles)` : ''}`),
)
