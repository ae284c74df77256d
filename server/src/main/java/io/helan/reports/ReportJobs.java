package io.helan.reports;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports generated on demand in the background, one at a time, so that a monthly report that takes
 * a while does not hold an HTTP request open: a job has an id, its step and the share done, and at
 * the end the revision stored or the reason it was refused. The last {@value #KEPT} jobs are kept
 * in memory; a restart forgets them (the reports themselves are stored).
 */
public final class ReportJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJobs.class);
  static final int KEPT = 100;

  /** One generation asked for. */
  public static final class Job {
    private final String id;
    private final ReportKey key;
    private final String user;
    private final Instant submitted;
    private volatile ReportStep step = ReportStep.QUEUED;
    private volatile ReportRevision revision;
    private volatile String error;

    Job(String id, ReportKey key, String user, Instant submitted) {
      this.id = id;
      this.key = key;
      this.user = user;
      this.submitted = submitted;
    }

    public String id() {
      return id;
    }

    public ReportStep step() {
      return step;
    }

    /** The revision stored (or the unchanged latest one) once {@link ReportStep#DONE}. */
    public ReportRevision revision() {
      return revision;
    }

    /** Why it failed, once {@link ReportStep#FAILED}. */
    public String error() {
      return error;
    }

    public JsonObject toJson() {
      ReportPeriod period = key.period();
      JsonObject json =
          new JsonObject()
              .put("id", id)
              .put("report", key.id())
              .put("kind", period.kind())
              .put("scope", key.scope().toJson())
              .put("first", period.first().toString())
              .put("last", period.last().toString())
              .put("user", user)
              .put("submitted", submitted.toString())
              .put("step", step.name())
              .put("percent", step.percent());
      ReportRevision done = revision;
      if (done != null) {
        json.put("revision", done.toJson());
      }
      if (error != null) {
        json.put("error", error);
      }
      return json;
    }
  }

  private final ReportService reports;
  private final Clock clock;
  private final AtomicLong counter = new AtomicLong();
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "helan-report-jobs");
            thread.setDaemon(true);
            return thread;
          });

  public ReportJobs(ReportService reports, Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  /**
   * Queues the generation of a report.
   *
   * @throws IllegalArgumentException at once for a period no report may cover (not ended, before
   *     2000) or a station reports do not cover; a scope without data in the period fails the job
   *     with the reason
   * @throws java.util.NoSuchElementException at once for a city or station the site does not have
   */
  public Job submit(ReportKey key, String user) {
    reports.requireReportable(key);
    Job job = new Job("job-" + counter.incrementAndGet(), key, user, clock.instant());
    synchronized (jobs) {
      jobs.put(job.id, job);
      while (jobs.size() > KEPT) {
        jobs.remove(jobs.keySet().iterator().next());
      }
    }
    worker.execute(() -> run(job));
    return job;
  }

  private void run(Job job) {
    try {
      ReportRevision revision = reports.generate(job.key, job.user, step -> job.step = step);
      job.revision = revision;
      job.step = ReportStep.DONE;
    } catch (RuntimeException e) {
      if (!(e instanceof IllegalArgumentException)) {
        LOG.warn("Report job {} ({}) failed", job.id, job.key.id(), e);
      }
      job.error = e.getMessage() == null ? e.toString() : e.getMessage();
      job.step = ReportStep.FAILED;
    }
  }

  /**
   * @throws NoSuchElementException for a job never submitted or long forgotten
   */
  public Job job(String id) {
    synchronized (jobs) {
      Job job = jobs.get(id);
      if (job == null) {
        throw new NoSuchElementException("no report job '" + id + "'");
      }
      return job;
    }
  }

  @Override
  public void close() throws InterruptedException {
    worker.shutdownNow();
    worker.awaitTermination(10, TimeUnit.SECONDS);
  }
}
