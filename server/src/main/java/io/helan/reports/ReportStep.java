package io.helan.reports;

/**
 * The steps of a report generated on demand, in order, each with the share of the work done when it
 * starts. Reading the validated means is most of the work of a monthly report; the files are
 * written from what was read.
 */
public enum ReportStep {
  QUEUED(0),
  READING(5),
  WRITING_XLSX(60),
  WRITING_PDF(75),
  STORING(90),
  DONE(100),
  FAILED(100);

  private final int percent;

  ReportStep(int percent) {
    this.percent = percent;
  }

  /** The share of the work done when the step starts, 0–100. */
  public int percent() {
    return percent;
  }

  /** Told each step a generation starts. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = step -> {};

    void at(ReportStep step);
  }
}
