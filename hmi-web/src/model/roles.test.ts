import { describe, expect, it } from 'vitest'
import { grants, mayAct, mayHandleAlarms, maySeeEmergency, maySeeRadiation, mayValidate } from './roles'

describe('roles', () => {
  it('mirror the server: cumulative everyday rights, calibration and emergency kept apart', () => {
    expect(mayHandleAlarms(['VIEWER'])).toBe(false)
    expect(mayHandleAlarms(['OPERATOR'])).toBe(true)
    expect(mayHandleAlarms(['COMMANDER'])).toBe(true)
    expect(mayAct(['MAINTAINER'], 'MAINTAINER')).toBe(true)
    expect(mayAct(['COMMANDER'], 'MAINTAINER')).toBe(false)
    expect(mayAct(['MAINTAINER'], 'COMMANDER')).toBe(false)
    expect(grants('ADMIN', 'COMMANDER')).toBe(true)
    expect(grants('SOMETHING', 'VIEWER')).toBe(false)
  })

  it('show the radiation view to commanders and wall displays', () => {
    expect(maySeeRadiation(['OPERATOR'], false)).toBe(false)
    expect(maySeeRadiation(['COMMANDER'], false)).toBe(true)
    expect(maySeeRadiation([], true)).toBe(true)
  })

  it('show the emergency display to operators, commanders and wall displays, not to viewers', () => {
    expect(maySeeEmergency(['VIEWER'], false)).toBe(false)
    expect(maySeeEmergency(['OPERATOR'], false)).toBe(true)
    expect(maySeeEmergency(['COMMANDER'], false)).toBe(true)
    expect(maySeeEmergency([], true)).toBe(true)
  })

  it('leave validating data to reviewers (and admins); a reviewer otherwise only reads', () => {
    expect(mayValidate(['REVIEWER'])).toBe(true)
    expect(mayValidate(['ADMIN'])).toBe(true)
    expect(mayValidate(['COMMANDER', 'MAINTAINER', 'OPERATOR', 'VIEWER'])).toBe(false)
    expect(mayHandleAlarms(['REVIEWER'])).toBe(false)
    expect(mayAct(['REVIEWER'], 'VIEWER')).toBe(true)
  })
})
