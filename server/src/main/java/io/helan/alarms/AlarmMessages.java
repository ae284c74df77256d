package io.helan.alarms;

import java.util.Locale;

/** The text operators read for an alarm: Chinese first, English second. */
final class AlarmMessages {
  private AlarmMessages() {}

  static String message(AlarmInstance alarm) {
    AlarmDefinition d = alarm.definition;
    StringBuilder text = new StringBuilder();
    text.append(d.sourceName()).append(' ').append(d.kind().nameZh());
    if (d.kind().isMeasurement() && !Double.isNaN(alarm.value)) {
      String unit = d.kind() == AlarmKind.RATE_OF_CHANGE ? d.unit() + "/min" : d.unit();
      text.append('：').append(number(alarm.value)).append(' ').append(unit.strip());
      if (!Double.isNaN(alarm.limit)) {
        text.append("（限值 ").append(number(alarm.limit)).append('）');
      }
    }
    text.append(" / ").append(d.kind().nameEn());
    if (alarm.note != null) {
      text.append("；").append(alarm.note);
    }
    return text.toString();
  }

  /** A value as a person would write it: no more digits than the measurement carries. */
  static String number(double value) {
    double magnitude = Math.abs(value);
    String text;
    if (magnitude >= 100) {
      text = String.format(Locale.ROOT, "%.0f", value);
    } else if (magnitude >= 1) {
      text = String.format(Locale.ROOT, "%.2f", value);
    } else {
      text = String.format(Locale.ROOT, "%.3g", value);
    }
    if (text.contains(".") && !text.contains("e")) {
      text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return text;
  }
}
