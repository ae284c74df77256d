package io.helan.historian;

import io.helan.driver.SampleBatch;
import java.time.Duration;

/**
 * Where the {@link HistorianWriter} puts rows: one transaction at a time into the samples table.
 * Any method may throw when the database cannot be written; the writer then spools the rows, calls
 * {@link #reset()} and retries later. Used by the writer thread only.
 */
interface RowWriter extends AutoCloseable {

  /** Adds the batch's samples to the open transaction, opening one (and the table) if needed. */
  void write(SampleBatch batch);

  /** Commits the open transaction. */
  void commit();

  /**
   * Drops the open transaction and whatever failed (writer, connection) so the next starts anew.
   */
  void reset();

  /** Waits until every committed transaction is visible to queries; throws after the timeout. */
  void awaitVisible(Duration timeout);

  @Override
  void close();
}
