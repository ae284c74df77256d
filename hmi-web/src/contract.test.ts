// The HMI labels every value of the server's enumerations: read them from the Java sources so
// that a new station kind, quality, flag or link state cannot reach the wall unlabelled.
import { describe, expect, it } from 'vitest'
import stationKindJava from '../../config/src/main/java/io/helan/config/StationKind.java?raw'
import qualityJava from '../../protocol-adapters/src/main/java/io/helan/driver/Quality.java?raw'
import dataFlagJava from '../../protocol-adapters/src/main/java/io/helan/driver/DataFlag.java?raw'
import linkStateJava from '../../protocol-adapters/src/main/java/io/helan/driver/LinkState.java?raw'
import { FLAGS, LINK_STATES, QUALITIES, STATION_KINDS } from './model/vocabulary'
import incidentTypeJava from '../../server/src/main/java/io/helan/emergency/IncidentType.java?raw'
import emergencyClassJava from '../../config/src/main/java/io/helan/config/EmergencyClass.java?raw'
import eventKindJava from '../../server/src/main/java/io/helan/emergency/EventKind.java?raw'
import planStepJava from '../../server/src/main/java/io/helan/emergency/PlanStep.java?raw'
import commandKindJava from '../../config/src/main/java/io/helan/config/CommandKind.java?raw'
import { LOCALES, messages } from './i18n/messages'
import { EMERGENCY_CLASSES, EVENT_KINDS, INCIDENT_TYPES, STEP_KINDS, STEP_STATES } from './model/emergency'
import aqiCategoryJava from '../../server/src/main/java/io/helan/airquality/AqiCategory.java?raw'
import reportStepJava from '../../server/src/main/java/io/helan/reports/ReportStep.java?raw'
import reportScopeJava from '../../server/src/main/java/io/helan/reports/ReportScope.java?raw'
import roleJava from '../../server/src/main/java/io/helan/auth/Role.java?raw'
import { AQI_CATEGORIES, AQI_COLOURS } from './model/aqi'
import { REPORT_SCOPE_KINDS, REPORT_STEPS } from './model/reportJob'
import { ROLES } from './model/roles'

/** The keys of an enum whose constants are written NAME("key", ...). */
function enumKeys(java: string): string[] {
  return [...java.matchAll(/^\s*[A-Z_]+\("([a-z-]+)"/gm)].map((m) => m[1])
}

/** The constant names of the enum {@code name} in a Java source. */
function namedEnum(java: string, name: string): string[] {
  const start = java.indexOf(` enum ${name} `)
  return enumConstants(java.slice(start - 1, java.indexOf('}', start)))
}

/** Constant names of the first enum in a Java source, in order. */
function enumConstants(java: string): string[] {
  const body = java.slice(java.indexOf('{', java.indexOf(' enum ')) + 1)
  // comments first: a comment may hold a ';'
  const constants = body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').split(';')[0]
  return [...constants.matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*(?:\(|,|$)/gm)].map((m) => m[1])
}

describe('vocabulary matches the Java enums', () => {
  it('station kinds (by their key)', () => {
    const keys = [...stationKindJava.matchAll(/^\s*[A-Z_]+\("([a-z-]+)"\)/gm)].map((m) => m[1])
    expect(keys.length).toBeGreaterThan(0)
    expect([...STATION_KINDS]).toEqual(keys)
  })

  it('qualities', () => {
    expect([...QUALITIES]).toEqual(enumConstants(qualityJava))
  })

  it('data flags', () => {
    expect([...FLAGS]).toEqual(enumConstants(dataFlagJava))
  })

  it('link states', () => {
    expect([...LINK_STATES].sort()).toEqual(enumConstants(linkStateJava).sort())
  })

  it('emergency: incident types, classes, timeline event kinds, checklist step kinds and states', () => {
    expect([...INCIDENT_TYPES]).toEqual(enumKeys(incidentTypeJava))
    expect([...EMERGENCY_CLASSES]).toEqual(enumKeys(emergencyClassJava))
    expect([...EVENT_KINDS]).toEqual(enumConstants(eventKindJava))
    expect([...STEP_KINDS]).toEqual(namedEnum(planStepJava, 'Kind'))
    expect([...STEP_STATES]).toEqual(namedEnum(planStepJava, 'State'))
  })

  it('command kinds: every one has a label in both languages', () => {
    const kinds = enumKeys(commandKindJava)
    expect(kinds.length).toBeGreaterThan(10)
    for (const locale of LOCALES) {
      const labels = messages[locale].commandKind as Record<string, string>
      expect(kinds.filter((k) => !labels[k]), locale).toEqual([])
    }
  })

  it('AQI categories with their HJ 633 colours, report job steps and scope kinds and roles, each labelled in both languages', () => {
    expect([...AQI_CATEGORIES]).toEqual(enumConstants(aqiCategoryJava))
    const colours = Object.fromEntries([...aqiCategoryJava.matchAll(/^\s*([A-Z_]+)\(.*"(#[0-9A-F]{6})"\)/gm)].map((m) => [m[1], m[2]]))
    expect(AQI_COLOURS).toEqual(colours)
    expect([...REPORT_STEPS]).toEqual(enumConstants(reportStepJava))
    expect([...REPORT_SCOPE_KINDS]).toEqual(namedEnum(reportScopeJava, 'Kind').map((k) => k.toLowerCase()))
    expect([...ROLES]).toEqual(enumConstants(roleJava))
    for (const locale of LOCALES) {
      const m = messages[locale]
      expect(AQI_CATEGORIES.filter((c) => !(m.aqi.category as Record<string, string>)[c]), locale).toEqual([])
      expect(REPORT_STEPS.filter((s) => !(m.reports.step as Record<string, string>)[s]), locale).toEqual([])
      expect(REPORT_SCOPE_KINDS.filter((k) => !(m.reports.scopeKind as Record<string, string>)[k]), locale).toEqual([])
      expect(ROLES.filter((r) => !(m.role as Record<string, string>)[r]), locale).toEqual([])
    }
  })
})
