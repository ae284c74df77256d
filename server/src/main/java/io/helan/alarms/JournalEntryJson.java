package io.helan.alarms;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Journal entries (alarm transitions and enforcement notices) as JSON, whole: what a spool keeps
 * while the journal's database is away, and what cluster members tell each other of alarms. A
 * number JSON cannot hold (NaN) goes as null and comes back as NaN.
 */
public final class JournalEntryJson {
  private static final String ENTRY = "entry";
  private static final String TRANSITION = "transition";
  private static final String NOTICE = "notice";

  private JournalEntryJson() {}

  /** A transition or a notice, tagged with which it is. */
  static JsonObject entry(Object entry) {
    if (entry instanceof AlarmTransition t) {
      return transition(t).put(ENTRY, TRANSITION);
    }
    if (entry instanceof EnforcementNotice n) {
      return notice(n).put(ENTRY, NOTICE);
    }
    throw new IllegalArgumentException("not a journal entry: " + entry);
  }

  /** The transition or notice {@link #entry} made. */
  static Object entry(JsonObject json) {
    String kind = json.getString(ENTRY);
    if (TRANSITION.equals(kind)) {
      return transition(json);
    }
    if (NOTICE.equals(kind)) {
      return notice(json);
    }
    throw new IllegalArgumentException("not a journal entry: " + kind);
  }

  public static JsonObject transition(AlarmTransition t) {
    return record(t.alarm())
        .put("time", t.time().toString())
        .put("conditionActive", t.conditionActive())
        .put("oneShotShelve", t.oneShotShelve())
        .put("outOfService", t.outOfService())
        .put("user", t.user())
        .put("origin", t.origin())
        .put("reason", t.reason());
  }

  public static AlarmTransition transition(JsonObject j) {
    return new AlarmTransition(
        Instant.parse(j.getString("time")),
        record(j),
        j.getBoolean("conditionActive"),
        j.getBoolean("oneShotShelve"),
        j.getBoolean("outOfService"),
        j.getString("user"),
        j.getString("origin"),
        j.getString("reason"));
  }

  public static JsonObject record(AlarmRecord r) {
    return new JsonObject()
        .put("id", r.id())
        .put("source", r.source())
        .put("station", r.stationId())
        .put("kind", r.kind().name())
        .put("priority", r.priority())
        .put("state", r.state().name())
        .put("value", finite(r.value()))
        .put("limit", finite(r.limit()))
        .put("message", r.message())
        .put("activeSince", text(r.activeSince()))
        .put("changed", text(r.changed()))
        .put("acknowledgedBy", r.acknowledgedBy())
        .put("shelvedUntil", text(r.shelvedUntil()));
  }

  public static AlarmRecord record(JsonObject j) {
    return new AlarmRecord(
        j.getString("id"),
        j.getString("source"),
        j.getString("station"),
        AlarmKind.valueOf(j.getString("kind")),
        j.getInteger("priority"),
        AlarmState.valueOf(j.getString("state")),
        number(j, "value"),
        number(j, "limit"),
        j.getString("message"),
        instant(j.getString("activeSince")),
        instant(j.getString("changed")),
        j.getString("acknowledgedBy"),
        instant(j.getString("shelvedUntil")));
  }

  static JsonObject notice(EnforcementNotice n) {
    return new JsonObject()
        .put("id", n.id())
        .put("station", n.stationId())
        .put("point", n.pointId())
        .put("pollutant", n.pollutant())
        .put("pollutantName", n.pollutantName())
        .put("unit", n.unit())
        .put("limit", finite(n.limit()))
        .put("referenceO2", finite(n.referenceO2()))
        .put("periodStart", text(n.periodStart()))
        .put("periodEnd", text(n.periodEnd()))
        .put("readings", readings(n.readings()))
        .put("status", n.status().name())
        .put("opened", text(n.opened()))
        .put("closedBy", n.closedBy())
        .put("closedAt", text(n.closedAt()))
        .put("comment", n.comment());
  }

  static EnforcementNotice notice(JsonObject j) {
    return new EnforcementNotice(
        j.getString("id"),
        j.getString("station"),
        j.getString("point"),
        j.getString("pollutant"),
        j.getString("pollutantName"),
        j.getString("unit"),
        number(j, "limit"),
        number(j, "referenceO2"),
        instant(j.getString("periodStart")),
        instant(j.getString("periodEnd")),
        readings(j.getJsonArray("readings")),
        EnforcementNotice.Status.valueOf(j.getString("status")),
        instant(j.getString("opened")),
        j.getString("closedBy"),
        instant(j.getString("closedAt")),
        j.getString("comment"));
  }

  /** A notice's readings, as the journal's {@code readings} column keeps them. */
  static JsonArray readings(List<EnforcementNotice.Reading> readings) {
    JsonArray array = new JsonArray();
    for (EnforcementNotice.Reading reading : readings) {
      array.add(
          new JsonObject()
              .put("periodStart", reading.periodStart().toString())
              .put("periodEnd", reading.periodEnd().toString())
              .put("value", reading.value())
              .put("o2", finite(reading.o2()))
              .put("flagT", reading.flagT()));
    }
    return array;
  }

  static List<EnforcementNotice.Reading> readings(JsonArray array) {
    List<EnforcementNotice.Reading> readings = new ArrayList<>();
    for (Object item : array) {
      JsonObject reading = (JsonObject) item;
      readings.add(
          new EnforcementNotice.Reading(
              Instant.parse(reading.getString("periodStart")),
              Instant.parse(reading.getString("periodEnd")),
              reading.getDouble("value"),
              number(reading, "o2"),
              reading.getBoolean("flagT")));
    }
    return readings;
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /** A number, or NaN where JSON holds null (JSON has no NaN). */
  private static double number(JsonObject json, String field) {
    return json.getValue(field) instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  private static String text(Instant time) {
    return time == null ? null : time.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
