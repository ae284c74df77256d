package io.helan.emergency;

import io.helan.alarms.AlarmJson;
import io.helan.config.EmergencyClass;
import io.helan.emergency.PlumeEstimate.Contour;
import io.helan.emergency.PlumeEstimate.StationEstimate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Incidents, checklists, timelines and plume estimates as JSON, for the API and the journal. */
public final class EmergencyJson {
  private EmergencyJson() {}

  public static JsonObject incident(Incident incident) {
    return new JsonObject()
        .put("id", incident.id())
        .put("drill", incident.drill())
        .put("type", incident.type().key())
        .put("class", incident.emergencyClass().key())
        .put("className", incident.emergencyClass().displayName())
        .put("latitude", incident.latitude())
        .put("longitude", incident.longitude())
        .put("occurredAt", text(incident.occurredAt()))
        .put("note", incident.note())
        .put("declaredAt", text(incident.declaredAt()))
        .put("declaredBy", incident.declaredBy())
        .put("endedAt", text(incident.endedAt()))
        .put("endedBy", incident.endedBy())
        .put("open", incident.open());
  }

  static Incident incident(JsonObject json) {
    return new Incident(
        json.getString("id"),
        json.getBoolean("drill"),
        IncidentType.fromKey(json.getString("type")),
        EmergencyClass.fromKey(json.getString("class")),
        json.getDouble("latitude"),
        json.getDouble("longitude"),
        instant(json.getString("occurredAt")),
        json.getString("note"),
        instant(json.getString("declaredAt")),
        json.getString("declaredBy"),
        instant(json.getString("endedAt")),
        json.getString("endedBy"));
  }

  public static JsonObject step(PlanStep step) {
    return new JsonObject()
        .put("id", step.id())
        .put("class", step.emergencyClass().key())
        .put("kind", step.kind().name())
        .put("target", step.target())
        .put("description", step.description())
        .put("state", step.state().name())
        .put("doneBy", step.doneBy())
        .put("doneAt", text(step.doneAt()))
        .put("detail", step.detail());
  }

  static PlanStep step(JsonObject json) {
    return new PlanStep(
        json.getString("id"),
        EmergencyClass.fromKey(json.getString("class")),
        PlanStep.Kind.valueOf(json.getString("kind")),
        json.getString("target"),
        json.getString("description"),
        PlanStep.State.valueOf(json.getString("state")),
        json.getString("doneBy"),
        instant(json.getString("doneAt")),
        json.getString("detail"));
  }

  public static JsonObject event(TimelineEvent event) {
    return new JsonObject()
        .put("seq", event.seq())
        .put("time", text(event.time()))
        .put("incident", event.incidentId())
        .put("kind", event.kind().name())
        .put("user", event.user())
        .put("text", event.text())
        .put("detail", new JsonObject(event.detail()));
  }

  /** The estimate; the grid (40,000 values) only when asked for. */
  public static JsonObject plume(PlumeEstimate estimate, boolean withGrid) {
    JsonArray stations = new JsonArray();
    estimate.stations().forEach(s -> stations.add(comparison(s)));
    JsonArray vehicles = new JsonArray();
    estimate.vehicles().forEach(v -> vehicles.add(comparison(v)));
    JsonArray contours = new JsonArray();
    for (Contour contour : estimate.contours()) {
      JsonArray segments = new JsonArray();
      contour
          .segments()
          .forEach(s -> segments.add(new JsonArray().add(s[0]).add(s[1]).add(s[2]).add(s[3])));
      contours.add(new JsonObject().put("level", contour.level()).put("segments", segments));
    }
    JsonObject json =
        new JsonObject()
            .put("time", text(estimate.time()))
            .put("latitude", estimate.latitude())
            .put("longitude", estimate.longitude())
            .put("releaseHeight", estimate.releaseHeight())
            .put("windSpeed", estimate.weather().windSpeed())
            .put("windFrom", estimate.weather().windFrom())
            .put("cloudCover", estimate.weather().cloudCover())
            .put("weatherSource", estimate.weather().source())
            .put("stability", estimate.stability().name())
            .put("releaseRate", estimate.releaseRate())
            .put("fitted", estimate.fitted())
            .put("stations", stations)
            .put("vehicles", vehicles)
            .put("contours", contours);
    if (withGrid) {
      PlumeGrid grid = estimate.grid();
      JsonArray values = new JsonArray();
      for (float value : grid.values()) {
        values.add(value);
      }
      json.put(
          "grid",
          new JsonObject()
              .put("size", grid.size())
              .put("south", grid.south())
              .put("west", grid.west())
              .put("latitudeStep", grid.latitudeStep())
              .put("longitudeStep", grid.longitudeStep())
              .put("values", values));
    }
    return json;
  }

  /** A station's or a vehicle's reading against the estimate (key {@code station} for both). */
  private static JsonObject comparison(StationEstimate s) {
    return new JsonObject()
        .put("station", s.stationId())
        .put("latitude", s.latitude())
        .put("longitude", s.longitude())
        .put("measured", s.measured())
        .put("background", AlarmJson.finiteOrNull(s.background()))
        .put("measuredIncrease", AlarmJson.finiteOrNull(s.measuredIncrease()))
        .put("estimatedIncrease", s.estimatedIncrease());
  }

  static String text(Instant time) {
    return time == null ? null : time.toString();
  }

  static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
