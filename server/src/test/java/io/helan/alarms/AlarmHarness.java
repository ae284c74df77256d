package io.helan.alarms;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.config.Site;
import io.helan.driver.DataFlag;
import io.helan.driver.Quality;
import io.helan.driver.SampleBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A started alarm engine with its journal, fed sample by sample the way ingest feeds it. */
final class AlarmHarness implements AutoCloseable {
  static final User OPERATOR = new User("wang.operator", Set.of(Role.OPERATOR));
  static final User MAINTAINER = new User("li.maintainer", Set.of(Role.MAINTAINER));
  static final User VIEWER = new User("zhao.viewer", Set.of(Role.VIEWER));
  static final Origin ORIGIN = Origin.rest("127.0.0.1:50000");

  final Site site;
  final AuditTrail audit;
  final AlarmJournal journal;
  final AlarmEngine engine;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SampleBatch batch = new SampleBatch(16);

  AlarmHarness(Site site, AlarmSettings settings, TestQuestDb questDb) {
    this.site = site;
    try {
      this.audit = AuditTrail.open(questDb.root());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.journal = new AlarmJournal(questDb.engine());
    journal.start();
    this.engine = new AlarmEngine(site, settings, journal, audit, registry);
    engine.start();
  }

  /** Settings for tests: no comm-loss delay, no stale alarms unless a test asks for them. */
  static AlarmSettings settings() {
    return AlarmSettings.defaults().withCommLossOnDelay(Duration.ZERO).withStale(0, Duration.ZERO);
  }

  void sample(String pointId, double value) {
    sample(pointId, value, DataFlag.N);
  }

  void sample(String pointId, double value, DataFlag flag) {
    sample(pointId, micros(Instant.now()), value, Quality.GOOD, flag);
  }

  void sample(String pointId, long timeMicros, double value, Quality quality, DataFlag flag) {
    batch.clear();
    batch.add(index(pointId), timeMicros, value, quality, flag);
    engine.onBatch(batch, 0);
  }

  int index(String pointId) {
    return site.point(pointId).orElseThrow().index();
  }

  /** Waits until the engine has handled everything fed so far and the journal shows it. */
  void settle() {
    try {
      engine.flush().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  AlarmRecord alarm(String alarmId) {
    settle();
    return engine.alarm(alarmId).orElseThrow();
  }

  AlarmState state(String alarmId) {
    return alarm(alarmId).state();
  }

  /** The journal of one alarm, oldest first. */
  List<AlarmTransition> journalOf(String alarmId) {
    settle();
    return engine.history(Instant.EPOCH, Instant.now().plusSeconds(1), null, null, 10_000).stream()
        .filter(t -> t.alarm().id().equals(alarmId))
        .sorted((a, b) -> a.time().compareTo(b.time()))
        .toList();
  }

  /** The states an alarm went through, oldest first. */
  List<AlarmState> statesOf(String alarmId) {
    return journalOf(alarmId).stream().map(t -> t.alarm().state()).toList();
  }

  static long micros(Instant time) {
    return AlarmJournal.micros(time);
  }

  @Override
  public void close() {
    engine.close();
    journal.close();
    audit.close();
  }
}
