/**
 * The ingest pipeline: quality rules on sample batches, the current-value table, and fan-out to the
 * historian and the live displays.
 */
package io.helan.ingest;
