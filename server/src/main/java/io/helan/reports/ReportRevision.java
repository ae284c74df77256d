package io.helan.reports;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One generated revision of a report. Revision 1 is the first generation; each later one was made
 * because the validated data behind the report changed (late data, a reviewer's correction), and
 * says so in {@code reason}.
 *
 * @param id the report's id ({@link ReportKey#id()}: {@code daily-2026-12-06}, {@code
 *     monthly-2026-11.city-yinchuan})
 * @param revision 1, 2, …
 * @param generated when it was generated
 * @param reason why: scheduled, on demand by a user, or the validated data changed
 * @param fingerprint SHA-256 of what the report says ({@link ReportContent#fingerprint()})
 */
public record ReportRevision(
    String id, int revision, Instant generated, String reason, String fingerprint) {

  public ReportKey key() {
    return ReportKey.of(id);
  }

  public ReportPeriod period() {
    return key().period();
  }

  /** The lines at the head of the report: title, id, revision with its reason, generation time. */
  List<String> describe(String title) {
    return List.of(
        title,
        "报告编号 Report: " + id,
        "版本 Revision: " + revision + " (" + reason + ")",
        "生成时间 Generated: " + generated,
        "数据 Data: 仅有效数据 validated means only; 指纹 SHA-256 " + fingerprint);
  }

  public JsonObject toJson() {
    ReportKey key = key();
    ReportPeriod period = key.period();
    return new JsonObject()
        .put("id", id)
        .put("kind", period.kind())
        .put("scope", key.scope().toJson())
        .put("first", period.first().toString())
        .put("last", period.last().toString())
        .put("revision", revision)
        .put("generated", generated.toString())
        .put("reason", reason)
        .put("fingerprint", fingerprint);
  }

  static ReportRevision fromJson(JsonObject json) {
    return new ReportRevision(
        json.getString("id"),
        json.getInteger("revision"),
        Instant.parse(json.getString("generated")),
        json.getString("reason"),
        json.getString("fingerprint"));
  }
}
