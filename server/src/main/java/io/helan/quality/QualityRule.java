package io.helan.quality;

/** The checks a sample can fail, with the name stored beside a marked sample. */
public enum QualityRule {
  /** Outside the plausible range configured for the point. */
  RANGE("range"),
  /** The same value for longer than the point may plausibly hold it. */
  FLATLINE("flatline"),
  /** Far from the mean of the point's recent values. */
  SPIKE("spike"),
  /** Changed faster than the point plausibly can since its previous value. */
  RATE_OF_CHANGE("rate-of-change"),
  /** Breaks a relation with another point of the station (PM2.5 ≤ PM10, NO2 ≤ NOx). */
  CROSS_CHECK("cross-check"),
  /** An O2 content outside 0–21 %. */
  OXYGEN_RANGE("o2-range"),
  /** Measured longer ago than the point's data may be when it arrives. */
  STALE("stale");

  private final String key;

  QualityRule(String key) {
    this.key = key;
  }

  /** The rule's name as stored and shown (range, flatline, ...). */
  public String key() {
    return key;
  }
}
