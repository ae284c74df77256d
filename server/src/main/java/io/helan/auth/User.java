package io.helan.auth;

import java.util.Set;

/**
 * An authenticated person, or a wall display signed in by its display token, and the roles they
 * hold.
 *
 * @param display whether this is a display token's identity: read-only, never a person's session
 */
public record User(String name, Set<Role> roles, boolean display) {

  /** What a display token's identity is called in logs and the audit trail. */
  static final String DISPLAY_PREFIX = "display:";

  public User {
    roles = Set.copyOf(roles);
  }

  /** A person. */
  public User(String name, Set<Role> roles) {
    this(name, roles, false);
  }

  /** The read-only identity of the wall display {@code displayName}. */
  static User display(String displayName) {
    return new User(DISPLAY_PREFIX + displayName, Set.of(Role.VIEWER), true);
  }

  /** Whether one of the user's roles gives the rights of {@code role} (see {@link Role#grants}). */
  public boolean has(Role role) {
    for (Role held : roles) {
      if (held.grants(role)) {
        return true;
      }
    }
    return false;
  }
}
