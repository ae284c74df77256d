package io.helan.commands;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every state change of every command, on one thread of its own and in the order the
 * service decided them: the audit trail first (if it cannot be written, nothing more happens), then
 * the journal (on disk, fsync), then the listeners. It holds no lock of the service while it writes
 * or tells listeners, so neither a slow disk nor a listener stalls the commands of other devices,
 * and a listener may call the service.
 */
final class CommandRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRecorder.class);

  private final AuditTrail audit;
  private final CommandJournal journal;
  private final List<Consumer<CommandRecord>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "helan-command-recorder");
            thread.setDaemon(true);
            return thread;
          });

  CommandRecorder(AuditTrail audit, CommandJournal journal) {
    this.audit = audit;
    this.journal = journal;
  }

  void addListener(Consumer<CommandRecord> listener) {
    listeners.add(listener);
  }

  /**
   * Queues a state change to be recorded; completes with the record once it is on disk and the
   * listeners have seen it, or exceptionally if it could not be written. Queue changes in the order
   * they were decided (under the service's lock): that is the order they are written.
   */
  CompletableFuture<CommandRecord> record(
      CommandRecord record, String actor, Origin origin, String action) {
    CompletableFuture<CommandRecord> recorded = new CompletableFuture<>();
    try {
      writer.execute(
          () -> {
            try {
              write(record, actor, origin, action);
              recorded.complete(record);
            } catch (RuntimeException | Error e) {
              recorded.completeExceptionally(e);
              return;
            }
            tell(record);
          });
    } catch (RejectedExecutionException e) {
      recorded.completeExceptionally(new IllegalStateException("command service stopped"));
    }
    return recorded;
  }

  /** Stops taking changes once those queued are written. */
  @Override
  public void close() {
    writer.shutdown();
  }

  private void write(CommandRecord record, String actor, Origin origin, String action) {
    audit.append(actor, origin, action, target(record), auditDetail(record), result(record));
    journal.append(record);
  }

  private void tell(CommandRecord record) {
    for (Consumer<CommandRecord> listener : listeners) {
      try {
        listener.accept(record);
      } catch (RuntimeException e) {
        LOG.warn("Command listener failed on {}", record.id(), e);
      }
    }
  }

  /** What the audit trail names as the target of a command: device and command definition. */
  static String target(CommandRecord record) {
    return record.deviceId() + "/" + record.commandId();
  }

  private static String auditDetail(CommandRecord record) {
    return "command "
        + record.id()
        + (record.kind() == null ? "" : " " + record.kind().key())
        + " by "
        + record.user()
        + " "
        + CommandJson.toJson(record).getJsonObject("parameters").encode()
        + (record.detail() == null || record.detail().isEmpty() ? "" : ": " + record.detail());
  }

  private static String result(CommandRecord record) {
    return record.refusal() == null
        ? record.state().name()
        : record.state().name() + " " + record.refusal().name();
  }
}
