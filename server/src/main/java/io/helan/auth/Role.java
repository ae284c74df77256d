package io.helan.auth;

/**
 * What a user may do. Roles are cumulative in this order for everyday rights (an operator can do
 * what a viewer can), except that commanding emergency measurement is the commander's and admin's
 * alone.
 */
public enum Role {
  /** Browse, read, see alarms. */
  VIEWER,
  /** Acknowledge and shelve alarms. */
  OPERATOR,
  /** Calibrate analysers, run samplers, switch maintenance mode. */
  MAINTAINER,
  /** Order emergency high-frequency measurement and samplers at radiation stations. */
  COMMANDER,
  /** Manage users; everything else. */
  ADMIN
}
