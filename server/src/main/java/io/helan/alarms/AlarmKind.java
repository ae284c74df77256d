package io.helan.alarms;

/** What condition an alarm watches, with its default priority and display names. */
public enum AlarmKind {
  HIHI(2, true, "高高限", "high-high"),
  HI(3, true, "高限", "high"),
  LO(3, true, "低限", "low"),
  LOLO(2, true, "低低限", "low-low"),
  RATE_OF_CHANGE(3, true, "变化率超限", "rate of change"),
  /** Radiation dose rate above the station's rolling background by the investigation level. */
  DOSE_RATE_INVESTIGATION(2, true, "剂量率超调查水平", "dose rate above investigation level"),
  /** Radiation dose rate above the alarm level (background-relative or absolute). */
  DOSE_RATE_ALARM(1, true, "剂量率超报警水平", "dose rate above alarm level"),
  /**
   * A monitored radioactive source's position is farther from its registered place than its fence
   * (the radioactive-source register) allows: lost, stolen or moved without leave.
   */
  SOURCE_OUT_OF_FENCE(1, true, "放射源离开围栏", "radioactive source outside its fence"),
  COMMUNICATION_LOSS(3, false, "通信中断", "communication loss"),
  STALE_DATA(4, false, "数据停滞", "stale data"),
  DEVICE_FAULT(3, false, "设备故障", "device fault"),
  /** Hourly average (converted to reference O2) above the emission limit, or flag T. */
  EMISSION_EXCEEDANCE(2, true, "排放超标", "emission limit exceeded"),
  /**
   * The server's own: rows of the alarm journal could not be restored at start (unreadable, or
   * claiming an operator action the audit trail does not record).
   */
  JOURNAL_ROWS_REJECTED(2, false, "告警日志记录被拒绝", "alarm journal rows rejected"),
  /**
   * The server's own: data for an upstream platform were dropped because its queue was full (the
   * upstream was away too long).
   */
  UPSTREAM_RECORDS_DROPPED(2, false, "上级平台转发数据丢弃", "upstream records dropped");

  private final int defaultPriority;
  private final boolean measurement;
  private final String nameZh;
  private final String nameEn;

  AlarmKind(int defaultPriority, boolean measurement, String nameZh, String nameEn) {
    this.defaultPriority = defaultPriority;
    this.measurement = measurement;
    this.nameZh = nameZh;
    this.nameEn = nameEn;
  }

  /** Priority when the site file does not set one: 1 most urgent, 4 least. */
  public int defaultPriority() {
    return defaultPriority;
  }

  /**
   * Whether the alarm judges measured values; those are suppressed by design while the device is
   * calibrating (C) or in maintenance (M).
   */
  public boolean isMeasurement() {
    return measurement;
  }

  public String nameZh() {
    return nameZh;
  }

  public String nameEn() {
    return nameEn;
  }
}
