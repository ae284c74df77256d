package io.helan.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.Test;

/** History continuation points: used once, by their own session, a bounded number per session. */
class OpcUaHistoryContinuationsTest {
  private static final NodeId SESSION = new NodeId(1, "session-a");
  private static final NodeId OTHER = new NodeId(1, "session-b");

  @Test
  void aContinuationPointIsTakenOnceAndOnlyByItsSession() {
    HistoryContinuations continuations = new HistoryContinuations(10);
    ByteString point = continuations.save(SESSION, "resume here");

    assertThat(continuations.take(OTHER, point, String.class)).isNull();
    assertThat(continuations.take(SESSION, point, String.class)).isEqualTo("resume here");
    assertThat(continuations.take(SESSION, point, String.class)).isNull();
    ByteString raw = continuations.save(SESSION, "resume here");
    assertThat(continuations.take(SESSION, raw, Integer.class)).isNull();
  }

  @Test
  void aSessionOverItsLimitLosesItsOldestPoint() {
    HistoryContinuations continuations = new HistoryContinuations(2);
    ByteString first = continuations.save(SESSION, 1);
    ByteString second = continuations.save(SESSION, 2);
    ByteString other = continuations.save(OTHER, 9);
    ByteString third = continuations.save(SESSION, 3);

    assertThat(continuations.take(SESSION, first, Integer.class)).isNull();
    assertThat(continuations.take(SESSION, second, Integer.class)).isEqualTo(2);
    assertThat(continuations.take(SESSION, third, Integer.class)).isEqualTo(3);
    assertThat(continuations.take(OTHER, other, Integer.class)).isEqualTo(9);
  }
}
