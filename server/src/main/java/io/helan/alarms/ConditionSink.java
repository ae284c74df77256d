package io.helan.alarms;

/**
 * Where the hot path reports what it found. Called on driver threads, only when something changed:
 * implementations hand the news to the engine thread and return.
 */
interface ConditionSink {

  /**
   * The raw condition of an alarm (before on/off delays) or its suppression changed.
   *
   * @param value the value that decided it (a rate for rate-of-change alarms)
   * @param limit the limit it was compared with (NaN if none)
   * @param note extra context for the operator (e.g. rain), or null
   */
  void condition(
      int slot, boolean active, boolean suppressed, double value, double limit, String note);
}
