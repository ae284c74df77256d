package io.helan.emergency;

/** What a timeline event records. */
public enum EventKind {
  DECLARED,
  ESCALATED,
  DE_ESCALATED,
  ENDED,
  NOTE,
  /** A checklist step done (by a person, or by the order that carried it out). */
  STEP,
  /** An order sent through the command service. */
  ORDER,
  /** What came of an order. */
  ORDER_RESULT,
  ALARM,
  /** A monitoring vehicle sent somewhere, or arriving there with its reading. */
  VEHICLE,
  /** The registered radioactive sources within the emergency radius, listed on declaration. */
  SOURCES,
  /** The plume estimate's weather or release was set, or it changed markedly. */
  PLUME
}
