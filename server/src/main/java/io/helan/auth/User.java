package io.helan.auth;

import java.util.Set;

/** An authenticated person and the roles they hold. */
public record User(String name, Set<Role> roles) {

  public User {
    roles = Set.copyOf(roles);
  }

  public boolean has(Role role) {
    return roles.contains(role) || roles.contains(Role.ADMIN);
  }
}
