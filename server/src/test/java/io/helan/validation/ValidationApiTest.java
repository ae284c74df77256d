package io.helan.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.audit.AuditRecord;
import io.helan.audit.AuditVerifier;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.helan.testing.ProductsServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manual validation over REST on a running server: a reviewer's correction and invalid period
 * change the validated means and leave the raw samples as measured; every decision is in the
 * hash-chained audit trail; bad input is refused with a clear 400 and changes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValidationApiTest {
  static final String POINT = "yc-a.aqm.pm25";
  @TempDir static Path dataDir;
  static ProductsServer products;
  static Instant hour;
  static String reviewer;

  @BeforeAll
  static void start() throws Exception {
    products = new ProductsServer(dataDir);
    hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.DAYS);
    SampleBatch batch = new SampleBatch(60);
    int index = products.server.site().point(POINT).orElseThrow().index();
    for (int minute = 0; minute < 60; minute++) {
      batch.add(index, micros(hour.plus(minute, ChronoUnit.MINUTES)), 30, Quality.GOOD, DataFlag.N);
    }
    products.server.ingest().accept(batch);
    products.server.recomputation().runOnce();
    reviewer = products.login("reviewer");
  }

  @AfterAll
  static void stop() {
    if (products != null) {
      products.close();
    }
  }

  @Test
  @Order(1)
  void badInputIsRefusedWithAClearErrorAndChangesNothing() throws Exception {
    long auditBefore = auditRecords().size();
    String minute = hour.plus(5, ChronoUnit.MINUTES).toString();
    String start = hour.toString();
    List<String[]> refused =
        List.of(
            new String[] {
              body("no.such.point", start, minute, "invalidate", null, "x"), "no point"
            },
            new String[] {body(POINT, start, minute, "invalidate", null, null), "reason"},
            new String[] {body(POINT, start, minute, "invalidate", null, "  "), "reason"},
            new String[] {
              body(
                  POINT,
                  hour.minus(10, ChronoUnit.DAYS).toString(),
                  hour.minus(9, ChronoUnit.DAYS).toString(),
                  "invalidate",
                  null,
                  "analyser off"),
              "no data"
            },
            new String[] {body(POINT, minute, start, "invalidate", null, "x"), "before"},
            new String[] {
              body(POINT, "1970-01-01T00:00:00Z", minute, "invalidate", null, "x"), "between"
            },
            new String[] {
              body(POINT, start, "2999-01-01T00:00:00Z", "invalidate", null, "x"), "between"
            },
            new String[] {
              body(
                  POINT,
                  hour.minus(40, ChronoUnit.DAYS).toString(),
                  start,
                  "invalidate",
                  null,
                  "x"),
              "31 days"
            },
            new String[] {body(POINT, start, minute, "correct", null, "x"), "value"},
            new String[] {body(POINT, start, minute, "correct", 1e9, "x"), "range"},
            new String[] {body(POINT, start, minute, "delete", null, "x"), "action"},
            new String[] {body(POINT, "yesterday", minute, "invalidate", null, "x"), "ISO-8601"},
            new String[] {"{not json", "JSON"});
    for (String[] request : refused) {
      HttpResponse<String> answer = products.send("POST", "/api/validations", request[0], reviewer);
      assertThat(answer.statusCode()).as(request[0] + " → " + answer.body()).isEqualTo(400);
      assertThat(new JsonObject(answer.body()).getString("error")).containsIgnoringCase(request[1]);
    }
    HttpResponse<String> viewer =
        products.send(
            "POST",
            "/api/validations",
            body(POINT, start, minute, "invalidate", null, "x"),
            products.login("viewer"));
    assertThat(viewer.statusCode()).isEqualTo(403);

    assertThat(auditRecords()).hasSize((int) auditBefore);
    assertThat(validations()).isEmpty();
    assertThat(hourlyMean().getDouble("value")).isEqualTo(30.0);
  }

  @Test
  @Order(2)
  void aCorrectionAndAnInvalidPeriodChangeTheValidatedSeriesOnlyAndAreAudited() throws Exception {
    HttpResponse<String> corrected =
        products.send(
            "POST",
            "/api/validations",
            body(
                POINT,
                hour.toString(),
                hour.plus(30, ChronoUnit.MINUTES).toString(),
                "correct",
                50.0,
                "analyser drifted: value from the co-located reference sampler"),
            reviewer);
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
    assertThat(new JsonObject(corrected.body()).getString("user")).isEqualTo("reviewer");

    JsonObject mean = hourlyMean();
    assertThat(mean.getDouble("value")).isEqualTo((30 * 50.0 + 30 * 30.0) / 60);
    assertThat(mean.getBoolean("valid")).isTrue();

    HttpResponse<String> invalid =
        products.send(
            "POST",
            "/api/validations",
            body(
                POINT,
                hour.plus(30, ChronoUnit.MINUTES).toString(),
                hour.plus(60, ChronoUnit.MINUTES).toString(),
                "invalidate",
                null,
                "sample inlet blocked"),
            reviewer);
    assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(201);
    mean = hourlyMean();
    assertThat(mean.getDouble("value")).isEqualTo(50.0);
    assertThat(mean.getInteger("validCount")).isEqualTo(30);
    assertThat(mean.getBoolean("valid")).isFalse();
    assertThat(mean.getDouble("captureRate")).isEqualTo(0.5);

    JsonArray raw =
        new JsonObject(
                products
                    .get(
                        "/api/points/"
                            + POINT
                            + "/raw?from="
                            + hour
                            + "&to="
                            + hour.plus(1, ChronoUnit.HOURS),
                        reviewer)
                    .body())
            .getJsonArray("samples");
    assertThat(raw).hasSize(60);
    assertThat(raw.stream().map(s -> ((JsonObject) s).getDouble("value")))
        .as("raw samples stay as measured")
        .containsOnly(30.0);
    assertThat(validations()).hasSize(2);

    List<AuditRecord> audited = auditRecords();
    assertThat(audited)
        .extracting(AuditRecord::action)
        .containsExactly("validation.correct", "validation.invalidate");
    assertThat(audited.get(0).detail()).contains("value 50.0", "reference sampler");
    assertThat(audited).allSatisfy(r -> assertThat(r.target()).isEqualTo(POINT));
    assertThat(AuditVerifier.verify(dataDir).intact()).isTrue();
  }

  static JsonObject hourlyMean() throws Exception {
    HttpResponse<String> answer =
        products.get(
            "/api/points/"
                + POINT
                + "/validated?period=1h&from="
                + hour
                + "&to="
                + hour.plus(1, ChronoUnit.HOURS),
            reviewer);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonArray means = new JsonObject(answer.body()).getJsonArray("means");
    assertThat(means).hasSize(1);
    return means.getJsonObject(0);
  }

  static JsonArray validations() throws Exception {
    HttpResponse<String> answer =
        products.get(
            "/api/validations?point="
                + POINT
                + "&from="
                + hour.minus(1, ChronoUnit.DAYS)
                + "&to="
                + hour.plus(1, ChronoUnit.DAYS),
            reviewer);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body()).getJsonArray("validations");
  }

  static List<AuditRecord> auditRecords() throws Exception {
    return Files.readAllLines(dataDir.resolve("audit").resolve("audit.jsonl")).stream()
        .map(AuditRecord::parse)
        .filter(r -> r.action().startsWith("validation."))
        .toList();
  }

  static String body(
      String point, String from, String to, String action, Double value, String reason) {
    JsonObject body =
        new JsonObject().put("point", point).put("from", from).put("to", to).put("action", action);
    if (value != null) {
      body.put("value", value);
    }
    if (reason != null) {
      body.put("reason", reason);
    }
    return body.encode();
  }

  static long micros(Instant time) {
    return time.toEpochMilli() * 1000;
  }
}
