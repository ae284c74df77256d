package io.helan.opcua;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * Continuation points of history reads that stopped at their size limit: where each one goes on,
 * kept per session for {@value #TTL_MINUTES} minutes. A session holds at most {@code
 * maxPerSession}; one more evicts its oldest. (Milo does not pass HistoryRead's
 * releaseContinuationPoints flag on, so an abandoned read simply expires.)
 */
final class HistoryContinuations {
  static final long TTL_MINUTES = 10;

  private record Entry(NodeId session, Object resume, long createdNanos) {
    boolean expired(long now) {
      return now - createdNanos > TimeUnit.MINUTES.toNanos(TTL_MINUTES);
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<ByteString, Entry> entries = new ConcurrentHashMap<>();
  private final int maxPerSession;

  HistoryContinuations(int maxPerSession) {
    this.maxPerSession = maxPerSession;
  }

  /** Stores where a read goes on and returns the continuation point naming it. */
  synchronized ByteString save(NodeId session, Object resume) {
    long now = System.nanoTime();
    entries.values().removeIf(e -> e.expired(now));
    var held =
        entries.entrySet().stream().filter(e -> e.getValue().session().equals(session)).toList();
    if (held.size() >= maxPerSession) {
      held.stream()
          .min((a, b) -> Long.compare(a.getValue().createdNanos(), b.getValue().createdNanos()))
          .ifPresent(e -> entries.remove(e.getKey()));
    }
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    ByteString id = ByteString.of(bytes);
    entries.put(id, new Entry(session, resume, now));
    return id;
  }

  /**
   * Takes (and forgets) the resume state of a continuation point; null when it is unknown, expired,
   * of another session or of another kind of read.
   */
  synchronized <T> T take(NodeId session, ByteString id, Class<T> type) {
    Entry entry = entries.get(id);
    if (entry == null || !entry.session().equals(session)) {
      return null;
    }
    entries.remove(id);
    if (entry.expired(System.nanoTime()) || !type.isInstance(entry.resume())) {
      return null;
    }
    return type.cast(entry.resume());
  }
}
