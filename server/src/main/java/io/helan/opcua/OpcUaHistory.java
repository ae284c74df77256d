package io.helan.opcua;

import io.helan.config.Point;
import io.helan.config.Site;
import io.helan.historian.Historian;
import io.helan.historian.HistoryRow;
import io.helan.historian.RawSample;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.server.AddressSpace.HistoryReadContext;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.encoding.EncodingContext;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryData;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadResult;
import org.eclipse.milo.opcua.stack.core.types.structured.HistoryReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadProcessedDetails;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadRawModifiedDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HistoryRead for point variables: Raw from the stored samples, Processed (Average, Minimum,
 * Maximum, Count from the historian's downsampled rows, the same rows REST history serves;
 * Interpolative from raw samples). A read returns at most {@value #MAX_VALUES} values per node and
 * a continuation point for the rest.
 */
final class OpcUaHistory {
  private static final Logger LOG = LoggerFactory.getLogger(OpcUaHistory.class);
  static final int MAX_VALUES = 10_000;
  private static final long QUERY_TIMEOUT_SECONDS = 60;

  /** StatusCode info bits for a value the server calculated (Part 4, HistorianBits). */
  private static final long CALCULATED = 0x0401;

  private static final long INTERPOLATED = 0x0402;

  /** Raw samples one processed read loads at most. */
  static final int MAX_RAW_SAMPLES = 500_000;

  /** Where a raw read goes on: the next sample boundary (exclusive end when newest first). */
  private record RawResume(NodeId node, Instant boundary) {}

  /** Where a processed read goes on: the next interval. */
  private record ProcessedResume(NodeId node, long interval) {}

  private final Site site;
  private final HelanNodeIds ids;
  private final PointValues values;
  private final Historian historian;
  private final HistoryContinuations continuations;
  private final EncodingContext encoding;

  OpcUaHistory(
      Site site,
      HelanNodeIds ids,
      PointValues values,
      Historian historian,
      HistoryContinuations continuations,
      EncodingContext encoding) {
    this.site = site;
    this.ids = ids;
    this.values = values;
    this.historian = historian;
    this.continuations = continuations;
    this.encoding = encoding;
  }

  List<HistoryReadResult> read(
      HistoryReadContext context,
      HistoryReadDetails details,
      TimestampsToReturn timestamps,
      List<HistoryReadValueId> nodes) {
    NodeId session = context.getSession().map(Session::getSessionId).orElse(NodeId.NULL_VALUE);
    List<HistoryReadResult> results = new ArrayList<>(nodes.size());
    if (details instanceof ReadRawModifiedDetails rawDetails
        && !Boolean.TRUE.equals(rawDetails.getIsReadModified())) {
      for (HistoryReadValueId node : nodes) {
        results.add(guarded(() -> readRaw(session, rawDetails, node, timestamps)));
      }
    } else if (details instanceof ReadProcessedDetails processed) {
      NodeId[] aggregates = processed.getAggregateType();
      if (aggregates == null || aggregates.length != nodes.size()) {
        return Collections.nCopies(nodes.size(), failure(StatusCodes.Bad_AggregateListMismatch));
      }
      for (int i = 0; i < nodes.size(); i++) {
        HistoryReadValueId node = nodes.get(i);
        NodeId aggregate = aggregates[i];
        results.add(guarded(() -> readProcessed(session, processed, node, aggregate)));
      }
    } else {
      return Collections.nCopies(
          nodes.size(), failure(StatusCodes.Bad_HistoryOperationUnsupported));
    }
    return results;
  }

  private HistoryReadResult readRaw(
      NodeId session,
      ReadRawModifiedDetails details,
      HistoryReadValueId node,
      TimestampsToReturn timestamps)
      throws Exception {
    Optional<Point> found = point(node.getNodeId());
    if (found.isEmpty()) {
      return failure(StatusCodes.Bad_HistoryOperationUnsupported);
    }
    Point point = found.get();
    Instant start = instant(details.getStartTime());
    Instant end = instant(details.getEndTime());
    long requested = details.getNumValuesPerNode().longValue();
    if (start == null && end == null || (start == null || end == null) && requested == 0) {
      return failure(StatusCodes.Bad_InvalidTimestampArgument);
    }
    // Part 11: forward from startTime; backward (newest first) from endTime when only it is
    // given, or when endTime is before startTime (then startTime is included, endTime not)
    boolean newestFirst = start == null || end != null && end.isBefore(start);
    Instant from;
    Instant to;
    if (!newestFirst) {
      from = start;
      to = end == null ? Instant.now().plus(1, ChronoUnit.DAYS) : end;
    } else if (start == null) {
      from = Instant.EPOCH;
      to = end;
    } else {
      from = end.plus(1, ChronoUnit.MICROS);
      to = start.plus(1, ChronoUnit.MICROS);
    }
    boolean first = true;
    if (!isEmpty(node.getContinuationPoint())) {
      RawResume resume = continuations.take(session, node.getContinuationPoint(), RawResume.class);
      if (resume == null || !resume.node().equals(node.getNodeId())) {
        return failure(StatusCodes.Bad_ContinuationPointInvalid);
      }
      first = false;
      if (newestFirst) {
        to = resume.boundary();
      } else {
        from = resume.boundary();
      }
    }
    int limit = (int) (requested == 0 ? MAX_VALUES : Math.min(requested, MAX_VALUES));
    List<RawSample> samples = await(historian.raw(point, from, to, limit + 1, newestFirst));
    boolean more = samples.size() > limit;
    if (more) {
      samples = samples.subList(0, limit);
    }
    List<DataValue> data = new ArrayList<>(samples.size() + 2);
    if (first && Boolean.TRUE.equals(details.getReturnBounds()) && !newestFirst) {
      data.add(bound(point, from, true, timestamps));
    }
    for (RawSample sample : samples) {
      data.add(rawValue(point, sample, timestamps));
    }
    ByteString next = ByteString.NULL_VALUE;
    if (more) {
      RawSample last = samples.get(samples.size() - 1);
      Instant boundary = newestFirst ? last.time() : last.time().plus(1, ChronoUnit.MICROS);
      next = continuations.save(session, new RawResume(node.getNodeId(), boundary));
    } else if (Boolean.TRUE.equals(details.getReturnBounds()) && !newestFirst) {
      data.add(bound(point, to, false, timestamps));
    }
    return success(data, next);
  }

  /** The sample before {@code at} (before) or at/after it (after), or a Bad_BoundNotFound value. */
  private DataValue bound(Point point, Instant at, boolean before, TimestampsToReturn timestamps)
      throws Exception {
    List<RawSample> found =
        before
            ? await(historian.raw(point, Instant.EPOCH, at, 1, true))
            : await(historian.raw(point, at, Instant.now().plus(1, ChronoUnit.DAYS), 1, false));
    if (found.isEmpty()) {
      DateTime time = new DateTime(at);
      return new DataValue(
          Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_BoundNotFound), time, time);
    }
    return rawValue(point, found.get(0), timestamps);
  }

  private HistoryReadResult readProcessed(
      NodeId session, ReadProcessedDetails details, HistoryReadValueId node, NodeId aggregateType)
      throws Exception {
    Optional<Point> found = point(node.getNodeId());
    if (found.isEmpty()) {
      return failure(StatusCodes.Bad_HistoryOperationUnsupported);
    }
    Optional<HistoryAggregate> aggregate = HistoryAggregate.of(aggregateType);
    if (aggregate.isEmpty()) {
      return failure(StatusCodes.Bad_AggregateNotSupported);
    }
    Instant start = instant(details.getStartTime());
    Instant end = instant(details.getEndTime());
    if (start == null || end == null || !start.isBefore(end)) {
      return failure(StatusCodes.Bad_InvalidTimestampArgument);
    }
    long spanMillis = Duration.between(start, end).toMillis();
    long intervalMillis =
        details.getProcessingInterval() == null || details.getProcessingInterval() <= 0
            ? spanMillis
            : Math.max(1, Math.round(details.getProcessingInterval()));
    long intervals = (spanMillis + intervalMillis - 1) / intervalMillis;
    long firstInterval = 0;
    if (!isEmpty(node.getContinuationPoint())) {
      ProcessedResume resume =
          continuations.take(session, node.getContinuationPoint(), ProcessedResume.class);
      if (resume == null || !resume.node().equals(node.getNodeId())) {
        return failure(StatusCodes.Bad_ContinuationPointInvalid);
      }
      firstInterval = resume.interval();
    }
    long lastInterval = Math.min(intervals, firstInterval + MAX_VALUES);
    Instant chunkStart = start.plusMillis(firstInterval * intervalMillis);
    Instant chunkEnd = min(end, start.plusMillis(lastInterval * intervalMillis));
    int count = (int) (lastInterval - firstInterval);
    Duration step = Duration.ofMillis(intervalMillis);
    List<DataValue> data =
        aggregate.get() == HistoryAggregate.INTERPOLATIVE
            ? interpolate(found.get(), chunkStart, chunkEnd, step, count)
            : fromRows(found.get(), aggregate.get(), chunkStart, chunkEnd, step, count);
    long done = firstInterval + data.size();
    ByteString next =
        done < intervals
            ? continuations.save(session, new ProcessedResume(node.getNodeId(), done))
            : ByteString.NULL_VALUE;
    return success(data, next);
  }

  /**
   * Average, Minimum, Maximum or Count per interval. The historian's downsampled rows (what REST
   * history serves) are used when their buckets coincide with the intervals; when they do not (an
   * interval start off the historian's calendar grid, a step below one second) the same statistics
   * of good samples are computed from raw samples, stopping at the last complete interval when the
   * span holds more than {@value #MAX_RAW_SAMPLES} of them.
   */
  private List<DataValue> fromRows(
      Point point, HistoryAggregate aggregate, Instant start, Instant end, Duration step, int count)
      throws Exception {
    HistoryRow[] byInterval = null;
    if (step.toMillis() % 1000 == 0) {
      byInterval =
          alignedRows(await(historian.history(point, start, end, step)), start, step, count);
    }
    int intervals = count;
    if (byInterval == null) {
      List<RawSample> samples = await(historian.raw(point, start, end, MAX_RAW_SAMPLES + 1, false));
      if (samples.size() > MAX_RAW_SAMPLES) {
        samples = samples.subList(0, MAX_RAW_SAMPLES);
        Instant covered = samples.get(samples.size() - 1).time();
        intervals =
            (int) Math.max(1, Duration.between(start, covered).toMillis() / step.toMillis());
      }
      byInterval = rowsFromSamples(samples, start, step, intervals);
    }
    List<DataValue> data = new ArrayList<>(intervals);
    for (int i = 0; i < intervals; i++) {
      DateTime time = new DateTime(start.plus(step.multipliedBy(i)));
      HistoryRow row = byInterval[i];
      if (aggregate == HistoryAggregate.COUNT) {
        long samples = row == null ? 0 : row.count();
        data.add(calculated(Variant.ofInt32((int) samples), time));
      } else if (row == null || row.count() == 0) {
        data.add(
            new DataValue(Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_NoData), time, time));
      } else {
        double value =
            switch (aggregate) {
              case AVERAGE -> row.avg();
              case MINIMUM -> row.min();
              case MAXIMUM -> row.max();
              default -> throw new IllegalArgumentException(aggregate.name());
            };
        data.add(calculated(Variant.ofDouble(value), time));
      }
    }
    return data;
  }

  /** The rows by interval, or null when a row does not start on an interval boundary. */
  private static HistoryRow[] alignedRows(
      List<HistoryRow> rows, Instant start, Duration step, int count) {
    HistoryRow[] byInterval = new HistoryRow[count];
    for (HistoryRow row : rows) {
      long offset = Duration.between(start, row.time()).toMillis();
      if (offset < 0 || offset % step.toMillis() != 0 || offset / step.toMillis() >= count) {
        return null;
      }
      byInterval[(int) (offset / step.toMillis())] = row;
    }
    return byInterval;
  }

  /** Average, minimum, maximum and count of the good samples of each interval. */
  private static HistoryRow[] rowsFromSamples(
      List<RawSample> samples, Instant start, Duration step, int count) {
    HistoryRow[] byInterval = new HistoryRow[count];
    double[] sum = new double[count];
    double[] min = new double[count];
    double[] max = new double[count];
    long[] n = new long[count];
    for (RawSample sample : samples) {
      long index = Duration.between(start, sample.time()).toMillis() / step.toMillis();
      if (!sample.quality().isGood() || index < 0 || index >= count) {
        continue;
      }
      int i = (int) index;
      sum[i] += sample.value();
      min[i] = n[i] == 0 ? sample.value() : Math.min(min[i], sample.value());
      max[i] = n[i] == 0 ? sample.value() : Math.max(max[i], sample.value());
      n[i]++;
    }
    for (int i = 0; i < count; i++) {
      if (n[i] > 0) {
        byInterval[i] =
            new HistoryRow(start.plus(step.multipliedBy(i)), sum[i] / n[i], min[i], max[i], n[i]);
      }
    }
    return byInterval;
  }

  /**
   * The value at each interval start, interpolated linearly between the good samples around it;
   * after the last good sample it holds that value (uncertain), before the first there is none.
   * When the span holds more than {@value #MAX_RAW_SAMPLES} samples, it stops at the last interval
   * they cover (the caller continues from there).
   */
  private List<DataValue> interpolate(
      Point point, Instant start, Instant end, Duration step, int count) throws Exception {
    List<RawSample> samples = new ArrayList<>();
    samples.addAll(await(historian.raw(point, Instant.EPOCH, start, 1, true)));
    List<RawSample> inside = await(historian.raw(point, start, end, MAX_RAW_SAMPLES + 1, false));
    boolean truncated = inside.size() > MAX_RAW_SAMPLES;
    samples.addAll(inside);
    if (!truncated) {
      samples.addAll(
          await(historian.raw(point, end, Instant.now().plus(1, ChronoUnit.DAYS), 1, false)));
    }
    Instant covered = truncated ? inside.get(inside.size() - 1).time() : null;
    List<RawSample> good = samples.stream().filter(s -> s.quality().isGood()).toList();
    List<DataValue> data = new ArrayList<>(count);
    int next = 0;
    for (int i = 0; i < count; i++) {
      Instant at = start.plus(step.multipliedBy(i));
      if (covered != null && !at.isBefore(covered)) {
        break;
      }
      DateTime time = new DateTime(at);
      while (next < good.size() && !good.get(next).time().isAfter(at)) {
        next++;
      }
      RawSample before = next > 0 ? good.get(next - 1) : null;
      RawSample after = next < good.size() ? good.get(next) : null;
      if (before == null) {
        data.add(
            new DataValue(Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_NoData), time, time));
      } else if (before.time().equals(at)) {
        data.add(new DataValue(Variant.ofDouble(before.value()), StatusCode.GOOD, time, time));
      } else if (after == null) {
        data.add(
            new DataValue(
                Variant.ofDouble(before.value()),
                new StatusCode(StatusCodes.Uncertain | INTERPOLATED),
                time,
                time));
      } else {
        double span = Duration.between(before.time(), after.time()).toNanos();
        double offset = Duration.between(before.time(), at).toNanos();
        double value = before.value() + (after.value() - before.value()) * offset / span;
        data.add(new DataValue(Variant.ofDouble(value), new StatusCode(INTERPOLATED), time, time));
      }
    }
    return data;
  }

  private DataValue rawValue(Point point, RawSample sample, TimestampsToReturn timestamps) {
    DateTime time = new DateTime(sample.time());
    boolean source =
        timestamps != TimestampsToReturn.Server && timestamps != TimestampsToReturn.Neither;
    boolean server =
        timestamps == TimestampsToReturn.Server || timestamps == TimestampsToReturn.Both;
    return new DataValue(
        values.variant(point.index(), sample.value()),
        PointValues.statusCode(sample.quality()),
        source ? time : null,
        server ? time : null);
  }

  private static DataValue calculated(Variant value, DateTime time) {
    return new DataValue(value, new StatusCode(CALCULATED), time, time);
  }

  private Optional<Point> point(NodeId nodeId) {
    String id = ids.identifier(nodeId);
    return id == null ? Optional.empty() : site.point(id);
  }

  private HistoryReadResult success(List<DataValue> data, ByteString next) {
    var history = new HistoryData(data.toArray(DataValue[]::new));
    return new HistoryReadResult(StatusCode.GOOD, next, ExtensionObject.encode(encoding, history));
  }

  private static HistoryReadResult failure(long status) {
    return new HistoryReadResult(new StatusCode(status), ByteString.NULL_VALUE, null);
  }

  /** One node's read; a failed or slow query fails that node only. */
  private HistoryReadResult guarded(Read read) {
    try {
      return read.run();
    } catch (TimeoutException e) {
      return failure(StatusCodes.Bad_Timeout);
    } catch (Exception e) {
      LOG.warn("History read failed", e);
      return failure(StatusCodes.Bad_InternalError);
    }
  }

  @FunctionalInterface
  private interface Read {
    HistoryReadResult run() throws Exception;
  }

  private static <T> T await(CompletableFuture<T> future)
      throws ExecutionException, InterruptedException, TimeoutException {
    return future.get(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** A DateTime as an Instant, or null when unspecified (null or the minimum). */
  private static Instant instant(DateTime time) {
    if (time == null || time.isNull() || time.getUtcTime() <= 0) {
      return null;
    }
    return time.getJavaInstant();
  }

  private static boolean isEmpty(ByteString continuationPoint) {
    return continuationPoint == null
        || continuationPoint.isNull()
        || continuationPoint.length() == 0;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
