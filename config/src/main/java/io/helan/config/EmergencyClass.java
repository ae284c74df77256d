package io.helan.config;

/**
 * The emergency classes of a nuclear or radiation emergency in China, lowest first: 应急待命 (standby),
 * 厂房应急 (plant emergency), 场区应急 (site-area emergency), 场外应急 (off-site emergency).
 */
public enum EmergencyClass {
  STANDBY("standby", "应急待命"),
  PLANT("plant", "厂房应急"),
  SITE_AREA("site-area", "场区应急"),
  OFF_SITE("off-site", "场外应急");

  private final String key;
  private final String name;

  EmergencyClass(String key, String name) {
    this.key = key;
    this.name = name;
  }

  /** How site files and the API spell it. */
  public String key() {
    return key;
  }

  /** The Chinese name. */
  public String displayName() {
    return name;
  }

  public static EmergencyClass fromKey(String key) {
    for (EmergencyClass value : values()) {
      if (value.key.equals(key)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown emergency class '" + key + "'");
  }
}
