package io.helan.auth;

/**
 * What a user may do. Everyday rights are cumulative (VIEWER < OPERATOR < MAINTAINER, and a
 * COMMANDER can do what an OPERATOR can), but commanding emergency measurement is the commander's
 * alone, calibrating the maintainer's alone and validating data the reviewer's alone (besides
 * viewing); ADMIN holds every right.
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
  /**
   * Review measured data: mark a period of a point invalid or enter a corrected value, with a
   * reason (the raw samples stay as measured).
   */
  REVIEWER,
  /** Manage users; everything else. */
  ADMIN;

  /** Whether holding this role gives the rights of {@code other}. */
  public boolean grants(Role other) {
    return switch (this) {
      case ADMIN -> true;
      case MAINTAINER, COMMANDER -> other == this || other == OPERATOR || other == VIEWER;
      case OPERATOR -> other == OPERATOR || other == VIEWER;
      case REVIEWER -> other == REVIEWER || other == VIEWER;
      case VIEWER -> other == VIEWER;
    };
  }
}
