// What the signed-in user's roles allow, to decide which actions are offered. The server checks
// every action again: hiding a button is never the only protection.
// Everyday rights are cumulative (VIEWER < OPERATOR < MAINTAINER; COMMANDER has an operator's
// rights too), but calibration is the maintainer's and emergency measurement the commander's
// alone; ADMIN holds every right.

export type Role = 'VIEWER' | 'OPERATOR' | 'MAINTAINER' | 'COMMANDER' | 'ADMIN'

/** Whether holding {@code held} gives the rights of {@code needed}. */
export function grants(held: string, needed: string): boolean {
  switch (held) {
    case 'ADMIN':
      return true
    case 'MAINTAINER':
    case 'COMMANDER':
      return needed === held || needed === 'OPERATOR' || needed === 'VIEWER'
    case 'OPERATOR':
      return needed === 'OPERATOR' || needed === 'VIEWER'
    case 'VIEWER':
      return needed === 'VIEWER'
    default:
      return false
  }
}

export function mayAct(roles: readonly string[], needed: string): boolean {
  return roles.some((r) => grants(r, needed))
}

/** Acknowledge and shelve alarms. */
export function mayHandleAlarms(roles: readonly string[]): boolean {
  return mayAct(roles, 'OPERATOR')
}

/** The emergency display: operators and commanders watch it (and wall displays); commanders act. */
export function maySeeEmergency(roles: readonly string[], display: boolean): boolean {
  return display || mayAct(roles, 'OPERATOR')
}

/** The radiation view is the commander's (and shown on wall displays). */
export function maySeeRadiation(roles: readonly string[], display: boolean): boolean {
  return display || mayAct(roles, 'COMMANDER')
}
