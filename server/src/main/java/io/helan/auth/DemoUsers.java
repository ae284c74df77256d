package io.helan.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo users of the built-in simulated Ningxia site: viewer, operator, maintainer, commander
 * and reviewer, each with the public password {@code <name>-demo} of docs/users.md. Only the
 * built-in demo site has them, and the server says so loudly at every start. On any other site (an
 * operator's own {@code --site}) none is created, and one left in the data directory by an earlier
 * demo run that still has its public password is removed.
 */
public final class DemoUsers {
  private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);
  private static final String RULE = "*".repeat(78);

  private static final List<User> USERS =
      List.of(
          new User("viewer", Set.of(Role.VIEWER)),
          new User("operator", Set.of(Role.OPERATOR)),
          new User("maintainer", Set.of(Role.MAINTAINER)),
          new User("commander", Set.of(Role.COMMANDER)),
          new User("reviewer", Set.of(Role.REVIEWER)));

  private DemoUsers() {}

  /** The public password of a demo user. */
  public static String password(String name) {
    return name + "-demo";
  }

  /**
   * On the built-in demo site, adds the demo users that are missing and warns that they exist; on
   * any other site, removes those that still have their public password, with a warning.
   */
  public static void apply(UserDirectory users, boolean demoSite) {
    if (demoSite) {
      seed(users);
    } else {
      removeLeftovers(users);
    }
  }

  private static void seed(UserDirectory users) {
    for (User user : USERS) {
      if (users.user(user.name()).isEmpty()) {
        users.addDefault(user.name(), password(user.name()), user.roles());
      }
    }
    LOG.warn(
        "\n{}\nDEMO SITE: users {} exist with the PUBLIC passwords of docs/users.md"
            + " (<name>-demo).\nThey are created only for the built-in simulated Ningxia site:"
            + " never let this server reach a real network.\n{}",
        RULE,
        names(USERS),
        RULE);
  }

  private static void removeLeftovers(UserDirectory users) {
    List<User> removed = new ArrayList<>();
    for (User user : USERS) {
      if (users.authenticate(user.name(), password(user.name())).isPresent()) {
        users.remove(user.name());
        removed.add(user);
      }
    }
    if (!removed.isEmpty()) {
      LOG.warn(
          "\n{}\nRemoved demo users {} from {}: they had the public passwords of docs/users.md"
              + " and this is not the built-in demo site.\n{}",
          RULE,
          names(removed),
          users.file(),
          RULE);
    }
  }

  private static List<String> names(List<User> users) {
    return users.stream().map(User::name).toList();
  }
}
