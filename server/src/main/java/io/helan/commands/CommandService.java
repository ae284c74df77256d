package io.helan.commands;

import io.helan.auth.Origin;
import io.helan.auth.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs remote commands: request → authorise → interlocks → select (armed, expires) → operate
 * (confirmed by the same user) → driver executes → result → audit. One command at a time per
 * device. REST and OPC UA both go through this service.
 */
public interface CommandService {

  /**
   * Requests and selects a command. The returned record is SELECTED, or REFUSED with the reason
   * (wrong role, interlock, unknown command, bad parameter); a refusal is recorded and audited
   * too.
   */
  CommandRecord select(
      User user, Origin origin, String deviceId, String commandId, Map<String, Double> parameters);

  /**
   * Operates a selected command. Completes with the command once the device has answered (state
   * ACKNOWLEDGED, COMPLETED or FAILED), or at once with REFUSED/EXPIRED if the user is not the
   * selecting user or the selection has expired.
   */
  CompletableFuture<CommandRecord> operate(User user, Origin origin, String commandId);

  /** Cancels a selected or running command. */
  CommandRecord cancel(User user, Origin origin, String commandId);

  Optional<CommandRecord> command(String commandId);

  /** Commands newest first, at most {@code limit}. */
  List<CommandRecord> recent(int limit);

  /** Tells the listener of every state change (on a service thread; must not block). */
  void addListener(Consumer<CommandRecord> listener);
}
