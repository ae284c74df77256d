// What the signed-in user's roles allow, to decide which actions are offered. The server checks
// every action again: hiding a button is never the only protection.
// Everyday rights are cumulative (VIEWER < OPERATOR < MAINTAINER; COMMANDER has an operator's
// rights too), but calibration is the maintainer's and emergency measurement the commander's
// alone; validating data (marking it invalid, correcting it) is the reviewer's alone, who otherwise
// only reads; ADMIN holds every right.

/** The server's roles (auth Role; contract.test.ts checks). */
export const ROLES = ['VIEWER', 'OPERATOR', 'MAINTAINER', 'COMMANDER', 'REVIEWER', 'ADMIN'] as const

export type Role = (typeof ROLES)[number]

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
    case 'REVIEWER':
      return needed === 'REVIEWER' || needed === 'VIEWER'
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

/** Mark data invalid or correct it: the reviewer's alone. */
export function mayValidate(roles: readonly string[]): boolean {
  return mayAct(roles, 'REVIEWER')
}
