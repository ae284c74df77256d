package io.helan.reports;

import io.helan.aggregates.MeanRecomputation;
import io.helan.schedule.Periodic;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates, stores and serves the reports. On schedule, the daily report of yesterday and the
 * monthly report of last month once they have ended, for the region and for each city ({@link
 * ReportScopes#scheduled()}); on demand, any ended day or month of any scope, a single station's
 * included. When the means of a day are recomputed (late data, a reviewer's correction) every
 * stored report covering that day is generated again and, when it now says something else, stored
 * as its next revision with the reason; a recomputation that changed nothing in the report makes no
 * revision.
 */
public final class ReportService implements MeanRecomputation.MeansChanged, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);
  static final String SCHEDULED = "scheduled";
  static final String DATA_CHANGED = "validated data changed";

  private final ReportBuilder builder;
  private final ReportScopes scopes;
  private final ReportStore store;
  private final ZoneId zone;
  private final Clock clock;
  private final NavigableSet<LocalDate> changedDays = new ConcurrentSkipListSet<>();
  private final Periodic runner = new Periodic("helan-reports", "Generating reports");

  /**
   * @param folder where reports are stored ({@code <data-dir>/reports})
   */
  public ReportService(ReportBuilder builder, Path folder, ZoneId zone, Clock clock) {
    this.builder = builder;
    this.scopes = builder.scopes();
    this.store = new ReportStore(folder);
    this.zone = zone;
    this.clock = clock;
  }

  /** Runs {@link #runOnce()} every {@code interval} from now on. */
  public void start(Duration interval) {
    runner.start(interval, this::runOnce);
  }

  @Override
  public void meansChanged(LocalDate firstDay, LocalDate lastDay) {
    for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
      changedDays.add(day);
    }
  }

  /**
   * Generates yesterday's daily and last month's monthly report of the region and of each city when
   * they are missing and have data, then regenerates the stored reports (of any scope) whose days'
   * means were recomputed.
   *
   * @return the revisions stored
   */
  public synchronized List<ReportRevision> runOnce() {
    List<ReportRevision> stored = new ArrayList<>();
    LocalDate today = LocalDate.now(clock.withZone(zone));
    for (ReportPeriod period :
        List.of(
            ReportPeriod.daily(today.minusDays(1)),
            ReportPeriod.monthly(YearMonth.from(today).minusMonths(1)))) {
      // a period without any mean (a new site's first day and month) is not built every run
      if (!builder.mayHaveData(period)) {
        continue;
      }
      for (ReportScope scope : scopes.scheduled()) {
        ReportKey key = new ReportKey(period, scope);
        if (store.latest(key.id()).isEmpty()) {
          ReportContent content = builder.build(key);
          if (content.hasData()) {
            stored.add(save(content, 1, SCHEDULED, ReportStep.Progress.NONE));
          }
        }
      }
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = changedDays.pollFirst(); day != null; day = changedDays.pollFirst()) {
      days.add(day);
    }
    if (!days.isEmpty()) {
      for (String id : store.ids()) {
        ReportKey key = ReportKey.of(id);
        if (days.stream().anyMatch(key.period()::contains)) {
          regenerate(key, DATA_CHANGED).ifPresent(stored::add);
        }
      }
    }
    return stored;
  }

  /**
   * Generates a report of an ended period now.
   *
   * @param user who asked, noted in the revision's reason
   * @return the new revision, or the latest one when the report would say the same
   * @throws IllegalArgumentException for a period that has not ended, starts before 2000, or has no
   *     validated data in the scope, or a station of a kind reports do not cover
   * @throws java.util.NoSuchElementException for a city or station the site file does not have
   */
  public ReportRevision generate(ReportKey key, String user) {
    return generate(key, user, ReportStep.Progress.NONE);
  }

  /**
   * Generates a report of an ended period now, telling {@code progress} each step it starts.
   *
   * @see #generate(ReportKey, String)
   */
  public synchronized ReportRevision generate(
      ReportKey key, String user, ReportStep.Progress progress) {
    requireReportable(key);
    progress.at(ReportStep.READING);
    ReportContent content = builder.build(key);
    if (!content.hasData() && store.latest(key.id()).isEmpty()) {
      throw new IllegalArgumentException(
          "no validated data"
              + (key.scope().kind() == ReportScope.Kind.REGION
                  ? ""
                  : " for " + key.scope().kind().key() + " " + scopes.name(key.scope()))
              + " from "
              + key.period().first()
              + " to "
              + key.period().last()
              + ": no report");
    }
    return regenerate(content, "on demand by " + user, progress).orElseGet(() -> latest(key.id()));
  }

  /**
   * Refuses a report that may not be made: a period that has not ended yet or starts before 2000, a
   * city or station the site file does not have, a station reports do not cover.
   *
   * @throws IllegalArgumentException saying why
   * @throws java.util.NoSuchElementException for an unknown city or station
   */
  public void requireReportable(ReportKey key) {
    key.period().requireEndedBefore(LocalDate.now(clock.withZone(zone)));
    scopes.stations(key.scope());
  }

  private Optional<ReportRevision> regenerate(ReportKey key, String reason) {
    return regenerate(builder.build(key), reason, ReportStep.Progress.NONE);
  }

  /** Stores the content as the next revision unless the latest one says the same. */
  private Optional<ReportRevision> regenerate(
      ReportContent content, String reason, ReportStep.Progress progress) {
    Optional<ReportRevision> latest = store.latest(content.key().id());
    if (latest.isPresent() && latest.get().fingerprint().equals(content.fingerprint())) {
      return Optional.empty();
    }
    return Optional.of(
        save(content, latest.map(r -> r.revision() + 1).orElse(1), reason, progress));
  }

  private ReportRevision save(
      ReportContent content, int revision, String reason, ReportStep.Progress progress) {
    ReportRevision stored =
        new ReportRevision(
            content.key().id(), revision, clock.instant(), reason, content.fingerprint());
    progress.at(ReportStep.WRITING_XLSX);
    byte[] xlsx = XlsxReport.render(content, stored);
    progress.at(ReportStep.WRITING_PDF);
    byte[] pdf = PdfReport.render(content, stored);
    progress.at(ReportStep.STORING);
    store.save(stored, xlsx, pdf);
    LOG.info("Report {} revision {} stored ({})", stored.id(), revision, reason);
    return stored;
  }

  /** The scopes this site's reports may have. */
  public ReportScopes scopes() {
    return scopes;
  }

  /** The latest revision of every stored report, newest period first, of every scope. */
  public List<ReportRevision> list() {
    List<ReportRevision> latest = new ArrayList<>();
    for (String id : store.ids()) {
      store.latest(id).ifPresent(latest::add);
    }
    latest.sort(
        Comparator.comparing((ReportRevision r) -> r.period().first())
            .reversed()
            .thenComparing(ReportRevision::id));
    return latest;
  }

  /**
   * @throws NoSuchElementException when the report was never generated
   */
  public List<ReportRevision> revisions(String id) {
    ReportKey.of(id);
    List<ReportRevision> revisions = store.revisions(id);
    if (revisions.isEmpty()) {
      throw new NoSuchElementException("no report '" + id + "'");
    }
    return revisions;
  }

  public ReportRevision latest(String id) {
    List<ReportRevision> revisions = revisions(id);
    return revisions.get(revisions.size() - 1);
  }

  /**
   * A revision's file.
   *
   * @param revision the revision, or 0 for the latest
   * @param format {@code xlsx} or {@code pdf}
   * @throws NoSuchElementException for a report or revision never generated
   */
  public byte[] file(String id, int revision, String format) {
    if (!format.equals("xlsx") && !format.equals("pdf")) {
      throw new IllegalArgumentException("format must be xlsx or pdf, not '" + format + "'");
    }
    ReportRevision chosen =
        revision == 0
            ? latest(id)
            : revisions(id).stream()
                .filter(r -> r.revision() == revision)
                .findFirst()
                .orElseThrow(
                    () ->
                        new NoSuchElementException(
                            "report " + id + " has no revision " + revision));
    return store.file(chosen, format);
  }

  @Override
  public void close() {
    runner.close();
  }
}
