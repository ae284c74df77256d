package io.helan.opcua;

import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * The OPC UA Part 13 aggregates HistoryRead Processed serves. Average, Minimum, Maximum and Count
 * are the historian's downsampled rows (the same as REST history: statistics of good samples per
 * interval); Interpolative is computed from raw samples.
 */
enum HistoryAggregate {
  AVERAGE(NodeIds.AggregateFunction_Average),
  MINIMUM(NodeIds.AggregateFunction_Minimum),
  MAXIMUM(NodeIds.AggregateFunction_Maximum),
  COUNT(NodeIds.AggregateFunction_Count),
  INTERPOLATIVE(NodeIds.AggregateFunction_Interpolative);

  private final NodeId nodeId;

  HistoryAggregate(NodeId nodeId) {
    this.nodeId = nodeId;
  }

  static Optional<HistoryAggregate> of(NodeId aggregateType) {
    for (HistoryAggregate aggregate : values()) {
      if (aggregate.nodeId.equals(aggregateType)) {
        return Optional.of(aggregate);
      }
    }
    return Optional.empty();
  }
}
