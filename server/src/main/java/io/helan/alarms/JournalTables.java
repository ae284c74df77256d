package io.helan.alarms;

import java.util.List;

/**
 * Where the alarm journal's tables live: this process's QuestDB ({@link LocalJournalTables}) or the
 * QuestDB server a cluster's nodes share ({@link SharedJournalTables}). Writes come from the
 * journal's one writer thread; queries from any thread.
 */
interface JournalTables extends AutoCloseable {
  /** Creates the tables if they do not exist. */
  void create();

  /** Writes the entries (transitions and notices) and commits them, or throws. */
  void write(List<Object> entries);

  /** Drops what a failed {@link #write} left uncommitted. */
  void discard();

  /** Waits until every committed row is visible to queries. */
  void awaitVisible(long timeoutSeconds);

  /**
   * Runs a query; {@code $1}, {@code $2}… in the SQL stand for the parameters (strings and
   * instants).
   */
  void query(String sql, List<Object> parameters, RowReader reader);

  @Override
  void close();

  /** Takes each row of a result. */
  interface RowReader {
    void row(JournalRecord row);
  }

  /** One row of a result, its columns read by name. */
  interface JournalRecord {
    /** A symbol or string column; null when null. */
    String text(String column);

    /** A timestamp column in µs since the epoch; {@link Long#MIN_VALUE} when null. */
    long micros(String column);

    int integer(String column);

    long longValue(String column);

    /** A double column; NaN when null. */
    double number(String column);

    boolean bool(String column);
  }
}
