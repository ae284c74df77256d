package io.helan.opcua;

import io.helan.auth.LoginThrottle;
import io.helan.auth.User;
import java.time.Duration;
import java.util.List;
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
 * Guessing is slowed by the same {@link LoginThrottle} as REST logins: an attempt that comes too
 * early is refused without its password being checked.
 */
final class UserValidator extends AbstractUsernameIdentityValidator {
  private static final Logger LOG = LoggerFactory.getLogger(UserValidator.class);

  private final BiFunction<String, String, Optional<User>> users;
  private final LoginThrottle throttle;

  /**
   * @param users the user for a name and password, empty when they do not match
   * @param throttle slows guessing per user name and client address
   */
  UserValidator(BiFunction<String, String, Optional<User>> users, LoginThrottle throttle) {
    this.users = users;
    this.throttle = throttle;
  }

  @Override
  protected Identity.UsernameIdentity authenticateUsernamePassword(
      Session session, String username, String password) {
    String address = session.getClientAddress().getHostAddress();
    Duration wait = throttle.waitBefore(username, address);
    if (!wait.isZero()) {
      LOG.warn(
          "OPC UA login for user '{}' from {} refused: throttled for {} s",
          username,
          address,
          Math.max(1, wait.toSeconds()));
      return null;
    }
    Optional<User> user = users.apply(username, password);
    if (user.isEmpty()) {
      List<String> locked = throttle.failed(username, address);
      LOG.warn("OPC UA login refused for user '{}' from {}", username, address);
      locked.forEach(key -> LOG.warn("OPC UA logins locked out for {}", key));
      return null;
    }
    throttle.succeeded(username);
    var identity = new DefaultUsernameIdentity(username);
    identity.setUserData(user.get());
    return identity;
  }
}
