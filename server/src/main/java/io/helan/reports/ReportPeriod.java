package io.helan.reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * The local days a report covers: one day ({@code daily-2026-12-06}) or one calendar month ({@code
 * monthly-2026-11}).
 *
 * @param monthly whether it is a monthly report
 * @param first its first day
 * @param last its last day (inclusive)
 */
public record ReportPeriod(boolean monthly, LocalDate first, LocalDate last) {
  private static final String DAILY = "daily-";
  private static final String MONTHLY = "monthly-";

  /** The earliest day a report may cover; anything before is a typing error. */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

  public static ReportPeriod daily(LocalDate day) {
    return new ReportPeriod(false, day, day);
  }

  public static ReportPeriod monthly(YearMonth month) {
    return new ReportPeriod(true, month.atDay(1), month.atEndOfMonth());
  }

  /** The report's id, also its name in the store and the API. */
  public String id() {
    return monthly ? MONTHLY + YearMonth.from(first) : DAILY + first;
  }

  public String kind() {
    return monthly ? "monthly" : "daily";
  }

  /** Whether the day falls in the period. */
  public boolean contains(LocalDate day) {
    return !day.isBefore(first) && !day.isAfter(last);
  }

  /**
   * The period of a report id.
   *
   * @throws IllegalArgumentException for an id that is neither {@code daily-YYYY-MM-DD} nor {@code
   *     monthly-YYYY-MM}
   */
  public static ReportPeriod of(String id) {
    try {
      if (id.startsWith(DAILY)) {
        return daily(LocalDate.parse(id.substring(DAILY.length())));
      }
      if (id.startsWith(MONTHLY)) {
        return monthly(YearMonth.parse(id.substring(MONTHLY.length())));
      }
    } catch (DateTimeParseException e) {
      // answered below
    }
    throw new IllegalArgumentException(
        "report id must be daily-YYYY-MM-DD or monthly-YYYY-MM, not '" + id + "'");
  }

  /**
   * Refuses a period that has not ended by {@code today} or that starts before 2000.
   *
   * @throws IllegalArgumentException saying why
   */
  void requireEndedBefore(LocalDate today) {
    if (first.isBefore(EARLIEST)) {
      throw new IllegalArgumentException("reports start at " + EARLIEST + ", not " + first);
    }
    if (!last.isBefore(today)) {
      throw new IllegalArgumentException(
          id() + " has not ended yet: reports cover days before " + today);
    }
  }
}
