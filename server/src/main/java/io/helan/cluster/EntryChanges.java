package io.helan.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.function.Consumer;

/** Hears every value put into a Hazelcast map's entries, whether added or replaced. */
final class EntryChanges
    implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
  private final Consumer<String> onValue;

  EntryChanges(Consumer<String> onValue) {
    this.onValue = onValue;
  }

  @Override
  public void entryAdded(EntryEvent<String, String> event) {
    onValue.accept(event.getValue());
  }

  @Override
  public void entryUpdated(EntryEvent<String, String> event) {
    onValue.accept(event.getValue());
  }
}
