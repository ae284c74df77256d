package io.helan.auth;

import java.util.Set;

/** An authenticated person and the roles they hold. */
public record User(String name, Set<Role> roles) {

  public User {
    roles = Set.copyOf(roles);
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
