package io.helan.reports;

import io.helan.auth.BearerAuth;
import io.helan.http.Access;
import io.helan.http.Requests;
import io.helan.http.Route;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * REST for the reports, behind the login.
 *
 * <ul>
 *   <li>{@code GET /api/reports} the latest revision of every report, newest period first, each
 *       with its {@code scope}
 *   <li>{@code GET /api/report-scopes} the scopes a report may have: the region, each city and each
 *       station reports cover, with names and whether they are generated on schedule
 *   <li>{@code GET /api/reports/:id} a report's revisions ({@code daily-2026-12-06} for the region,
 *       {@code monthly-2026-11.city-yinchuan}, {@code daily-2026-12-06.station-yc-a})
 *   <li>{@code GET /api/reports/:id/xlsx?revision=N} and {@code .../pdf} the file (latest revision
 *       without {@code revision})
 *   <li>{@code POST /api/reports {"day": "2026-12-06"} | {"month": "2026-11"}} generates an ended
 *       period now, with an optional {@code "scope": {"kind": "region"} | {"kind": "city", "id":
 *       "yinchuan"} | {"kind": "station", "id": "yc-a"}} (the region without it); 201 with the
 *       revision (the latest one when nothing changed)
 *   <li>{@code POST /api/report-jobs} with the same body generates it in the background: 202 with
 *       the job ({@code id}, {@code step}, {@code percent}); a period no report may cover or a
 *       wrong scope is refused at once (400, 404 for a city or station the site does not have)
 *   <li>{@code GET /api/report-jobs/:id} the job: its step and percent, then {@code revision} when
 *       {@code DONE} or {@code error} (the reason) when {@code FAILED}
 * </ul>
 */
public final class ReportApi {
  private static final int MAX_BODY_BYTES = 1024;

  private final ReportService reports;
  private final ReportJobs jobs;

  public ReportApi(ReportService reports, ReportJobs jobs) {
    this.reports = reports;
    this.jobs = jobs;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/reports", Access.READER, this::list),
        Route.get(
            "/api/report-scopes",
            Access.READER,
            ctx -> Requests.answer(ctx, 200, () -> reports.scopes().toJson())),
        Route.post(
            "/api/reports",
            Access.SIGNED_IN,
            BodyHandler.create().setBodyLimit(MAX_BODY_BYTES),
            this::generate),
        Route.get("/api/reports/:id", Access.READER, this::revisions),
        Route.get("/api/reports/:id/xlsx", Access.READER, ctx -> download(ctx, "xlsx")),
        Route.get("/api/reports/:id/pdf", Access.READER, ctx -> download(ctx, "pdf")),
        Route.post(
            "/api/report-jobs",
            Access.SIGNED_IN,
            BodyHandler.create().setBodyLimit(MAX_BODY_BYTES),
            this::submit),
        Route.get(
            "/api/report-jobs/:id",
            Access.READER,
            ctx -> Requests.answer(ctx, 200, () -> jobs.job(ctx.pathParam("id")).toJson())));
  }

  private void submit(RoutingContext ctx) {
    JsonObject body = Requests.jsonBody(ctx);
    if (body == null) {
      return;
    }
    String user = BearerAuth.user(ctx).name();
    Requests.answer(ctx, 202, () -> jobs.submit(key(body), user).toJson());
  }

  private void list(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () -> {
          JsonArray list = new JsonArray();
          reports.list().forEach(r -> list.add(r.toJson()));
          return new JsonObject().put("reports", list);
        });
  }

  private void revisions(RoutingContext ctx) {
    Requests.answer(
        ctx,
        200,
        () -> {
          JsonArray list = new JsonArray();
          reports.revisions(ctx.pathParam("id")).forEach(r -> list.add(r.toJson()));
          return new JsonObject().put("id", ctx.pathParam("id")).put("revisions", list);
        });
  }

  private void generate(RoutingContext ctx) {
    JsonObject body = Requests.jsonBody(ctx);
    if (body == null) {
      return;
    }
    String user = BearerAuth.user(ctx).name();
    Requests.answer(ctx, 201, () -> reports.generate(key(body), user).toJson());
  }

  private static ReportKey key(JsonObject body) {
    return new ReportKey(period(body), ReportScope.fromJson(body.getValue("scope")));
  }

  private static ReportPeriod period(JsonObject body) {
    String day = body.getValue("day") instanceof String text ? text : null;
    String month = body.getValue("month") instanceof String text ? text : null;
    if ((day == null) == (month == null)) {
      throw new IllegalArgumentException("give either 'day' (YYYY-MM-DD) or 'month' (YYYY-MM)");
    }
    try {
      return day != null
          ? ReportPeriod.daily(LocalDate.parse(day))
          : ReportPeriod.monthly(YearMonth.parse(month));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'day' must be a date such as 2026-12-06, 'month' a month such as 2026-11");
    }
  }

  private void download(RoutingContext ctx, String format) {
    String id = ctx.pathParam("id");
    String given = ctx.request().getParam("revision");
    String type =
        format.equals("pdf")
            ? "application/pdf"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    Requests.download(
        ctx, type, id + "." + format, () -> reports.file(id, revision(given), format));
  }

  private static int revision(String given) {
    if (given == null || given.isBlank()) {
      return 0;
    }
    try {
      int revision = Integer.parseInt(given);
      if (revision >= 1) {
        return revision;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException("'revision' must be a whole number from 1");
  }
}
