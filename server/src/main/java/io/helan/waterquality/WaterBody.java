package io.helan.waterquality;

/** The kind of water a section monitors; phosphorus and nitrogen limits depend on it. */
public enum WaterBody {
  RIVER,
  /** Lakes and reservoirs. */
  LAKE
}
