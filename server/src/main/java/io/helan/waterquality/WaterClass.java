package io.helan.waterquality;

/** The classes of GB 3838-2002, best first, and 劣V for water worse than class V. */
public enum WaterClass {
  I("Ⅰ"),
  II("Ⅱ"),
  III("Ⅲ"),
  IV("Ⅳ"),
  V("Ⅴ"),
  WORSE_THAN_V("劣Ⅴ");

  private final String label;

  WaterClass(String label) {
    this.label = label;
  }

  /** The class as published (Ⅰ … Ⅴ, 劣Ⅴ). */
  public String label() {
    return label;
  }

  /** The worse of two classes. */
  public WaterClass worse(WaterClass other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
