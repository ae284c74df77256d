package io.helan.sources;

/**
 * The class of a sealed radioactive source by its hazard (GB 18871 and the State Council's rules on
 * source safety): Class I is the most dangerous, Class V exempt from most controls. Classes I to
 * III are monitored online.
 */
public enum SourceClass {
  I,
  II,
  III,
  IV,
  V;

  /** Whether sources of this class are monitored online: Class III and above. */
  public boolean monitoredOnline() {
    return compareTo(III) <= 0;
  }

  public static SourceClass fromKey(String key) {
    for (SourceClass sourceClass : values()) {
      if (sourceClass.name().equals(key)) {
        return sourceClass;
      }
    }
    throw new IllegalArgumentException(
        "source class '" + key + "' is not one of I, II, III, IV, V");
  }
}
