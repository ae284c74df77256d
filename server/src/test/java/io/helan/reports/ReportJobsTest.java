package io.helan.reports;

import static io.helan.reports.ReportServiceTest.DAY;
import static io.helan.reports.ReportServiceTest.NEXT_MORNING;
import static io.helan.reports.ReportServiceTest.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.helan.aggregates.SampleOverlay;
import io.helan.quality.QualityRuleSet;
import io.helan.testing.IngestRig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports generated in the background: a job walks through its steps to DONE with the stored
 * revision; a period without data fails the job with the reason; a period no report may cover is
 * refused at once and makes no job.
 */
class ReportJobsTest {

  @Test
  void aJobReportsItsStepsAndEndsWithTheRevisionOrTheReason(@TempDir Path dir) throws Exception {
    try (IngestRig rig =
            new IngestRig(
                SITE, dir, QualityRuleSet.builder(SITE).build(), NEXT_MORNING, SampleOverlay.NONE);
        ReportService reports = ReportServiceTest.reportService(rig, dir);
        ReportJobs jobs = new ReportJobs(reports, NEXT_MORNING)) {
      ReportServiceTest.ingestHour(rig, 9, true, true);
      rig.recomputation.runOnce();

      List<ReportStep> steps = new ArrayList<>();
      ReportRevision direct =
          reports.generate(ReportKey.region(ReportPeriod.daily(DAY)), "tester", steps::add);
      assertThat(steps)
          .containsExactly(
              ReportStep.READING,
              ReportStep.WRITING_XLSX,
              ReportStep.WRITING_PDF,
              ReportStep.STORING);

      ReportJobs.Job job = jobs.submit(ReportKey.region(ReportPeriod.daily(DAY)), "tester");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> jobs.job(job.id()).step() == ReportStep.DONE);
      assertThat(job.revision()).isEqualTo(direct);
      assertThat(job.toJson().getInteger("percent")).isEqualTo(100);
      assertThat(job.toJson().getJsonObject("revision").getString("id"))
          .isEqualTo("daily-2026-07-15");

      ReportJobs.Job empty =
          jobs.submit(ReportKey.region(ReportPeriod.daily(DAY.minusDays(3))), "tester");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> jobs.job(empty.id()).step() == ReportStep.FAILED);
      assertThat(empty.error()).contains("no validated data");
      assertThat(empty.toJson().getString("error")).contains("no validated data");

      assertThatThrownBy(
              () -> jobs.submit(ReportKey.region(ReportPeriod.daily(DAY.plusDays(1))), "tester"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has not ended");
      assertThatThrownBy(() -> jobs.job("job-3")).hasMessageContaining("no report job");
    }
  }
}
