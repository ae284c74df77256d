package io.helan.alarms;

import io.helan.config.Site;
import io.helan.config.Station;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of alarms, journal entries, counts, KPIs and notices for REST and WebSocket. */
public final class AlarmJson {
  private final Site site;

  public AlarmJson(Site site) {
    this.site = site;
  }

  /** The WebSocket message for one alarm change: {@code {"type":"alarm", ...alarm}}. */
  public JsonObject pushMessage(AlarmRecord alarm) {
    return new JsonObject().put("type", "alarm").mergeIn(alarm(alarm));
  }

  public JsonObject alarm(AlarmRecord alarm) {
    Station station = site.station(alarm.stationId()).orElse(null);
    return new JsonObject()
        .put("id", alarm.id())
        .put("source", alarm.source())
        .put("station", alarm.stationId())
        .put("stationName", station == null ? null : station.name())
        .put("region", station == null ? null : station.regionId())
        .put("kind", alarm.kind().name())
        .put("priority", alarm.priority())
        .put("state", alarm.state().name())
        .put("value", finiteOrNull(alarm.value()))
        .put("limit", finiteOrNull(alarm.limit()))
        .put("unit", site.point(alarm.source()).map(p -> p.unit()).orElse(null))
        .put("message", alarm.message())
        .put("activeSince", time(alarm.activeSince()))
        .put("changed", time(alarm.changed()))
        .put("acknowledgedBy", alarm.acknowledgedBy())
        .put("shelvedUntil", time(alarm.shelvedUntil()))
        .put("oneShotShelve", alarm.state() == AlarmState.SHELVED && alarm.shelvedUntil() == null);
  }

  public JsonArray alarms(List<AlarmRecord> alarms) {
    JsonArray array = new JsonArray();
    alarms.forEach(alarm -> array.add(alarm(alarm)));
    return array;
  }

  public JsonObject transition(AlarmTransition t) {
    AlarmRecord a = t.alarm();
    return new JsonObject()
        .put("time", time(t.time()))
        .put("id", a.id())
        .put("source", a.source())
        .put("station", a.stationId())
        .put("kind", a.kind().name())
        .put("state", a.state().name())
        .put("priority", a.priority())
        .put("value", finiteOrNull(a.value()))
        .put("limit", finiteOrNull(a.limit()))
        .put("user", t.user())
        .put("origin", t.origin())
        .put("reason", t.reason())
        .put("message", a.message());
  }

  public JsonObject counts(AlarmCounts counts) {
    JsonArray regions = new JsonArray();
    counts.regions().forEach(tally -> regions.add(tally(tally)));
    JsonArray stations = new JsonArray();
    counts
        .stations()
        .forEach(
            tally ->
                stations.add(
                    tally(tally)
                        .put(
                            "region",
                            site.station(tally.id()).map(Station::regionId).orElse(null))));
    return new JsonObject()
        .put("total", tally(counts.total()))
        .put("regions", regions)
        .put("stations", stations);
  }

  private static JsonObject tally(AlarmCounts.Tally tally) {
    return new JsonObject()
        .put("id", tally.id())
        .put("name", tally.name())
        .put("unacknowledged", tally.unacknowledged())
        .put("active", tally.active())
        .put("shelved", tally.shelved())
        .put("suppressed", tally.suppressed())
        .put("outOfService", tally.outOfService())
        .put("highestPriority", tally.highestPriority() == 0 ? null : tally.highestPriority());
  }

  public JsonObject kpis(AlarmKpis kpis) {
    JsonArray intervals = new JsonArray();
    kpis.per10Minutes()
        .forEach(
            i ->
                intervals.add(
                    new JsonObject().put("start", time(i.start())).put("count", i.count())));
    return new JsonObject()
        .put("from", time(kpis.from()))
        .put("to", time(kpis.to()))
        .put("annunciations", kpis.annunciations())
        .put("averagePer10Minutes", kpis.averagePer10Minutes())
        .put("maxPer10Minutes", kpis.maxPer10Minutes())
        .put("floodThresholdPer10Minutes", AlarmKpis.FLOOD_PER_10_MINUTES)
        .put("floodIntervals", kpis.floodIntervals())
        .put("timeInFloodMinutes", kpis.timeInFlood().toMinutes())
        .put("timeInFloodPercent", kpis.timeInFloodPercent())
        .put("badActors", counted(kpis.badActors()))
        .put("chattering", counted(kpis.chattering()))
        .put("stale", alarms(kpis.stale()))
        .put("shelved", alarms(kpis.shelved()))
        .put("per10Minutes", intervals);
  }

  private static JsonArray counted(List<AlarmKpis.AlarmCount> counts) {
    JsonArray array = new JsonArray();
    counts.forEach(c -> array.add(new JsonObject().put("id", c.alarmId()).put("count", c.count())));
    return array;
  }

  public JsonObject notice(EnforcementNotice n) {
    JsonArray readings = new JsonArray();
    for (EnforcementNotice.Reading r : n.readings()) {
      readings.add(
          new JsonObject()
              .put("periodStart", time(r.periodStart()))
              .put("periodEnd", time(r.periodEnd()))
              .put("value", finiteOrNull(r.value()))
              .put("o2", finiteOrNull(r.o2()))
              .put("flagT", r.flagT()));
    }
    return new JsonObject()
        .put("id", n.id())
        .put("station", n.stationId())
        .put("stationName", site.station(n.stationId()).map(Station::name).orElse(null))
        .put("point", n.pointId())
        .put("pollutant", n.pollutant())
        .put("pollutantName", n.pollutantName())
        .put("unit", n.unit())
        .put("limit", finiteOrNull(n.limit()))
        .put("referenceO2", finiteOrNull(n.referenceO2()))
        .put("maxValue", finiteOrNull(n.maxValue()))
        .put("periodStart", time(n.periodStart()))
        .put("periodEnd", time(n.periodEnd()))
        .put("status", n.status().name())
        .put("opened", time(n.opened()))
        .put("closedBy", n.closedBy())
        .put("closedAt", time(n.closedAt()))
        .put("comment", n.comment())
        .put("readings", readings);
  }

  public JsonObject background(AlarmEngine.StationBackground b) {
    RadiationBaseline.Background background = b.background();
    return new JsonObject()
        .put("station", b.stationId())
        .put("point", b.pointId())
        .put("mean", finiteOrNull(background.mean()))
        .put("sigma", finiteOrNull(background.sigma()))
        .put("buckets", background.buckets())
        .put("ready", background.ready());
  }

  /** A number for JSON: null when it is not finite (unknown), which JSON cannot carry. */
  public static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static String time(Instant time) {
    return time == null ? null : time.toString();
  }
}
