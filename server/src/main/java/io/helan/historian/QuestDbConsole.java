package io.helan.historian;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded QuestDB's operator console, off unless an operator asks for it: the HTTP endpoint
 * (web console, REST {@code /exec}, line protocol {@code /write}) and the PostgreSQL wire endpoint,
 * on 127.0.0.1 only, both behind user {@value #USER} and a password generated for each start. The
 * vendor's default credentials are never used.
 *
 * @param httpPort HTTP port on 127.0.0.1; 0 picks a free port
 * @param pgPort PostgreSQL wire port on 127.0.0.1; 0 picks a free port
 * @param user who may sign in
 * @param password the password of this start
 */
public record QuestDbConsole(int httpPort, int pgPort, String user, String password) {
  public static final String USER = "helan";
  private static final SecureRandom RANDOM = new SecureRandom();

  public QuestDbConsole {
    checkPort(httpPort);
    checkPort(pgPort);
    if (user == null || user.isBlank() || password == null || password.length() < 16) {
      throw new IllegalArgumentException("the QuestDB console needs a user and a long password");
    }
  }

  /** The console on these ports with a fresh random password (144 bits, URL-safe characters). */
  public static QuestDbConsole withGeneratedPassword(int httpPort, int pgPort) {
    byte[] secret = new byte[18];
    RANDOM.nextBytes(secret);
    return new QuestDbConsole(
        httpPort, pgPort, USER, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /**
   * The console's HTTP address with its credentials, as an external historian is given it.
   *
   * @param port the port the console listens on (its own, or the one picked for port 0)
   */
  public URI httpUrl(int port) {
    return URI.create("http://" + user + ":" + password + "@127.0.0.1:" + port);
  }

  /** Without the password, so that settings can be logged. */
  @Override
  public String toString() {
    return "QuestDbConsole[httpPort=" + httpPort + ", pgPort=" + pgPort + ", user=" + user + "]";
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
  }
}
