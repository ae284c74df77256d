package io.helan.opcua;

import io.helan.audit.Origin;
import io.helan.auth.User;
import java.net.InetAddress;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.server.Session;
import org.eclipse.milo.opcua.sdk.server.identity.Identity;

/** Who is behind an OPC UA session, for authorisation and the audit trail. */
final class SessionUser {
  private SessionUser() {}

  /** The Helan user of a session; empty for anonymous sessions (and no session at all). */
  static Optional<User> of(Optional<Session> session) {
    return session.map(Session::getIdentity).flatMap(SessionUser::userData);
  }

  /** The audit origin: channel opcua and the client's address. */
  static Origin origin(Optional<Session> session) {
    String address =
        session.map(Session::getClientAddress).map(InetAddress::getHostAddress).orElse("unknown");
    return Origin.opcUa(address);
  }

  private static Optional<User> userData(Identity identity) {
    return identity.getUserData() instanceof User user ? Optional.of(user) : Optional.empty();
  }
}
