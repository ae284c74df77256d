package io.helan.opcua;

import io.helan.auth.User;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.identity.AbstractUsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.DefaultUsernameIdentity;
import org.eclipse.milo.opcua.sdk.server.identity.Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks OPC UA user name tokens against Helan's users, so a session carries the same user and
 * roles as a REST login. The {@link User} rides on the session's identity as its user data.
 */
final class UserValidator extends AbstractUsernameIdentityValidator {
  private static final Logger LOG = LoggerFactory.getLogger(UserValidator.class);

  private final BiFunction<String, String, Optional<User>> users;

  /**
   * @param users the user for a name and password, empty when they do not match
   */
  UserValidator(BiFunction<String, String, Optional<User>> users) {
    this.users = users;
  }

  @Override
  protected Identity.UsernameIdentity authenticateUsernamePassword(
      Session session, String username, String password) {
    Optional<User> user = users.apply(username, password);
    if (user.isEmpty()) {
      LOG.warn("OPC UA login refused for user '{}' from {}", username, session.getClientAddress());
      return null;
    }
    var identity = new DefaultUsernameIdentity(username);
    identity.setUserData(user.get());
    return identity;
  }
}
