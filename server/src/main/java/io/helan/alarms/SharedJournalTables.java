package io.helan.alarms;

import io.helan.historian.QuestDbHttp;
import io.questdb.client.Sender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's tables on the QuestDB server a cluster's nodes share: rows go in with the line
 * protocol over HTTP (one request, one transaction), queries through the server's {@code /exec}.
 * Both tables deduplicate on their keys, so a row written again (replayed from a spool after an
 * outage, or after a commit whose answer was lost) is kept once: a transition is one alarm's state
 * at one instant, a notice keeps its latest version.
 */
final class SharedJournalTables implements JournalTables {
  private static final Logger LOG = LoggerFactory.getLogger(SharedJournalTables.class);
  static final String JOURNAL_KEYS = " DEDUP UPSERT KEYS(ts, alarm_id, state)";

  private final URI url;
  private final QuestDbHttp http;
  private final String senderConfig;
  private Sender sender;
  private boolean tablesReady;

  /**
   * @param url the server's HTTP address, with {@code user:password@} when it asks for them
   */
  SharedJournalTables(URI url) {
    this.url = QuestDbHttp.withoutCredentials(url);
    this.http = new QuestDbHttp(url);
    this.senderConfig = QuestDbHttp.senderConfig(url);
  }

  /** Creates the tables if the server is reachable now; else the first write does. */
  @Override
  public void create() {
    try {
      createNow();
    } catch (RuntimeException e) {
      LOG.warn(
          "QuestDB {} not available yet ({}); alarm journal rows are spooled until it is",
          url,
          e.getMessage());
    }
  }

  private void createNow() {
    if (!tablesReady) {
      http.exec(AlarmJournal.createJournal(JOURNAL_KEYS));
      http.exec(AlarmJournal.createNotices());
      tablesReady = true;
    }
  }

  @Override
  public void write(List<Object> entries) {
    createNow();
    if (sender == null) {
      sender = Sender.fromConfig(senderConfig);
    }
    for (Object entry : entries) {
      if (entry instanceof AlarmTransition transition) {
        writeTransition(transition);
      } else if (entry instanceof EnforcementNotice notice) {
        writeNotice(notice);
      }
    }
    sender.flush();
  }

  @Override
  public void discard() {
    Sender failed = sender;
    sender = null;
    tablesReady = false;
    if (failed != null) {
      try {
        failed.reset();
        failed.close();
      } catch (RuntimeException e) {
        LOG.debug("Discarding a failed alarm journal sender: {}", e.getMessage());
      }
    }
  }

  @Override
  public void awaitVisible(long timeoutSeconds) {
    http.awaitApplied(AlarmJournal.JOURNAL_TABLE, Duration.ofSeconds(timeoutSeconds));
    http.awaitApplied(AlarmJournal.NOTICE_TABLE, Duration.ofSeconds(timeoutSeconds));
  }

  @Override
  public void query(String sql, List<Object> parameters, RowReader reader) {
    String literal = sql;
    // from the last: $1 must not eat the start of $10
    for (int i = parameters.size(); i >= 1; i--) {
      Object value = parameters.get(i - 1);
      literal =
          literal.replace(
              "$" + i,
              value instanceof Instant time
                  ? QuestDbHttp.timestamp(time)
                  : QuestDbHttp.quote(String.valueOf(value)));
    }
    JsonObject result = http.result(literal);
    Map<String, Integer> columns = new HashMap<>();
    JsonArray described = result.getJsonArray("columns", new JsonArray());
    for (int i = 0; i < described.size(); i++) {
      columns.put(described.getJsonObject(i).getString("name"), i);
    }
    JsonArray rows = result.getJsonArray("dataset", new JsonArray());
    for (int i = 0; i < rows.size(); i++) {
      reader.row(new JsonRow(rows.getJsonArray(i), columns));
    }
  }

  @Override
  public void close() {
    discard();
  }

  private void writeTransition(AlarmTransition t) {
    AlarmRecord a = t.alarm();
    sender.table(AlarmJournal.JOURNAL_TABLE);
    symbol("alarm_id", a.id());
    symbol("source", a.source());
    symbol("station", a.stationId());
    symbol("kind", a.kind().name());
    symbol("state", a.state().name());
    symbol("user_name", t.user());
    symbol("acknowledged_by", a.acknowledgedBy());
    sender
        .longColumn("priority", a.priority())
        .doubleColumn("value", a.value())
        .doubleColumn("limit_value", a.limit())
        .boolColumn("active", t.conditionActive())
        .boolColumn("one_shot", t.oneShotShelve())
        .boolColumn("out_of_service", t.outOfService());
    string("reason", t.reason());
    string("message", a.message());
    string("origin", t.origin());
    timestamp("active_since", a.activeSince());
    timestamp("shelved_until", a.shelvedUntil());
    sender.at(AlarmJournal.micros(t.time()), ChronoUnit.MICROS);
  }

  private void writeNotice(EnforcementNotice n) {
    sender.table(AlarmJournal.NOTICE_TABLE);
    symbol("id", n.id());
    symbol("station", n.stationId());
    symbol("point", n.pointId());
    symbol("pollutant", n.pollutant());
    symbol("unit", n.unit());
    symbol("status", n.status().name());
    symbol("closed_by", n.closedBy());
    sender
        .doubleColumn("limit_value", n.limit())
        .doubleColumn("reference_o2", n.referenceO2())
        .stringColumn("readings", JournalEntryJson.readings(n.readings()).encode());
    string("pollutant_name", n.pollutantName());
    string("comment", n.comment());
    timestamp("period_start", n.periodStart());
    timestamp("period_end", n.periodEnd());
    timestamp("closed_at", n.closedAt());
    sender.at(AlarmJournal.micros(n.opened()), ChronoUnit.MICROS);
  }

  // a null column is left out of the row: QuestDB stores null

  private void symbol(String column, String value) {
    if (value != null) {
      sender.symbol(column, value);
    }
  }

  private void string(String column, String value) {
    if (value != null) {
      sender.stringColumn(column, value);
    }
  }

  private void timestamp(String column, Instant value) {
    if (value != null) {
      sender.timestampColumn(column, AlarmJournal.micros(value), ChronoUnit.MICROS);
    }
  }

  /** A row of an {@code /exec} answer, read by column name. */
  private record JsonRow(JsonArray values, Map<String, Integer> columns) implements JournalRecord {
    private Object value(String column) {
      Integer index = columns.get(column);
      if (index == null) {
        throw new IllegalArgumentException("no column " + column + " in the result");
      }
      return values.getValue(index);
    }

    @Override
    public String text(String column) {
      Object value = value(column);
      return value == null ? null : value.toString();
    }

    @Override
    public long micros(String column) {
      Object value = value(column);
      return value == null ? Long.MIN_VALUE : AlarmJournal.micros(Instant.parse(value.toString()));
    }

    @Override
    public int integer(String column) {
      Object value = value(column);
      return value == null ? Integer.MIN_VALUE : ((Number) value).intValue();
    }

    @Override
    public long longValue(String column) {
      Object value = value(column);
      return value == null ? Long.MIN_VALUE : ((Number) value).longValue();
    }

    @Override
    public double number(String column) {
      Object value = value(column);
      return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    @Override
    public boolean bool(String column) {
      return Boolean.TRUE.equals(value(column));
    }
  }
}
