package io.helan.alarms;

import io.helan.auth.Role;
import io.helan.auth.User;
import java.time.Duration;
import java.util.Set;

/**
 * Who may act on alarms and notices, and what they must say: checked before anything is tried or
 * put on record. Operators acknowledge, shelve and close notices; maintainers take alarms out of
 * service and back.
 */
final class OperatorRules {
  static final Set<Role> OPERATORS =
      Set.of(Role.OPERATOR, Role.MAINTAINER, Role.COMMANDER, Role.ADMIN);
  static final Set<Role> MAINTAINERS = Set.of(Role.MAINTAINER, Role.ADMIN);

  private final Duration maxShelve;

  OperatorRules(Duration maxShelve) {
    this.maxShelve = maxShelve;
  }

  /**
   * @throws SecurityException when no one is signed in or the user lacks the roles
   */
  static void require(User user, Set<Role> roles, String action) {
    if (user == null) {
      throw new SecurityException("sign in to " + action);
    }
    if (user.roles().stream().noneMatch(roles::contains)) {
      throw new SecurityException(user.name() + " may not " + action + ": needs one of " + roles);
    }
  }

  /** The reason, stripped; @throws IllegalArgumentException when there is none */
  static String requireReason(String reason, String action) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(action + " needs a reason");
    }
    return reason.strip();
  }

  /** An optional comment, stripped, or null. */
  static String optional(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** A timed shelve lasts more than 0 and at most the longest allowed; null is one-shot. */
  void checkShelve(Duration duration) {
    if (duration != null
        && (duration.isNegative() || duration.isZero() || duration.compareTo(maxShelve) > 0)) {
      throw new IllegalArgumentException(
          "a shelve lasts more than 0 and at most " + maxShelve.toMinutes() + " minutes");
    }
  }
}
