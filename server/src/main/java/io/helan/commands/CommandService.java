package io.helan.commands;

import io.helan.audit.Origin;
import io.helan.auth.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs remote commands: request → authorise → interlocks → select (armed, expires) → operate
 * (confirmed by the same user) → driver executes → result → audit. One command at a time per
 * device. REST and OPC UA both go through this service. Its methods write to disk (journal and
 * audit trail): never call them on an event loop.
 */
public interface CommandService {

  /**
   * Requests and selects a command. The returned record is SELECTED, or REFUSED with the reason in
   * {@link CommandRecord#refusal()} and {@link CommandRecord#detail()} (wrong role, interlock,
   * unknown device or command, bad parameter); a refusal is recorded and audited too.
   */
  CommandRecord select(
      User user, Origin origin, String deviceId, String commandId, Map<String, Double> parameters);

  /**
   * Operates a selected command. Completes with the command once the device has answered (state
   * ACKNOWLEDGED while its effect period runs, else COMPLETED, FAILED or TIMED_OUT), or at once
   * with EXPIRED when the selection timed out, or REFUSED when an interlock no longer holds.
   * Completes exceptionally with {@link CommandRefusedException}, leaving the command as it was,
   * when the id is unknown, the user is not the one who selected it, or it is not SELECTED.
   */
  CompletableFuture<CommandRecord> operate(User user, Origin origin, String commandId);

  /**
   * Cancels a selected command (by its user or an admin).
   *
   * @throws CommandRefusedException for an unknown id, another user, or a command that is no longer
   *     SELECTED (what has reached the device cannot be called back)
   */
  CommandRecord cancel(User user, Origin origin, String commandId);

  Optional<CommandRecord> command(String commandId);

  /** Commands newest first, at most {@code limit}. */
  List<CommandRecord> recent(int limit);

  /** Tells the listener of every state change (on a service thread; must not block). */
  void addListener(Consumer<CommandRecord> listener);
}
