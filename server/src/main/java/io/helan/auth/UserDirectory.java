package io.helan.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users of this server and their password hashes, and the wall displays and the hashes of their
 * tokens, kept in {@code users.json} in the data directory. The first start creates {@code admin}
 * with a generated password that is printed once and stored only as a hash.
 */
public final class UserDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
  public static final String FILE_NAME = "users.json";
  public static final String ADMIN = "admin";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final String PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int GENERATED_PASSWORD_LENGTH = 20;

  private final Path file;
  private final PasswordHasher hasher;

  /** A hash to check against when the user does not exist, so timing does not tell. */
  private final String decoyHash;

  private final Map<String, Entry> users = new LinkedHashMap<>();

  /** Wall displays: name to the SHA-256 of the display's token. */
  private final Map<String, String> displays = new LinkedHashMap<>();

  /**
   * When an operator last changed the users (epoch milliseconds; 0 for a directory nobody changed
   * since it was created with its generated admin). The nodes of a cluster keep the newest.
   */
  private long changedAtMillis;

  private Runnable changeListener = () -> {};

  private record Entry(User user, String passwordHash) {}

  private UserDirectory(Path file, PasswordHasher hasher) {
    this.file = file;
    this.hasher = hasher;
    this.decoyHash = hasher.hash(generatePassword());
  }

  /**
   * Loads the users of the data directory; on first start creates {@code admin} with a generated
   * password and prints it once on {@code console}.
   */
  public static UserDirectory open(Path dataDir, PasswordHasher hasher, PrintStream console)
      throws IOException {
    Files.createDirectories(dataDir);
    UserDirectory directory = new UserDirectory(dataDir.resolve(FILE_NAME), hasher);
    if (Files.exists(directory.file)) {
      directory.load();
    } else {
      String password = generatePassword();
      directory.put(new User(ADMIN, Set.of(Role.ADMIN)), hasher.hash(password));
      directory.save();
      console.printf(
          "%nFirst start: created user '%s' with password%n%n    %s%n%n"
              + "It is shown only this once and stored only as an Argon2id hash in %s.%n%n",
          ADMIN, password, directory.file);
      console.flush();
      LOG.info("Created user '{}' with a generated password (printed once)", ADMIN);
    }
    return directory;
  }

  /** {@link #open(Path, PasswordHasher, PrintStream)} with the default cost and stdout. */
  public static UserDirectory open(Path dataDir) throws IOException {
    return open(dataDir, PasswordHasher.DEFAULT, System.out);
  }

  /**
   * The user, when name and password match; empty otherwise, whether the name is unknown or the
   * password wrong (both take the same time).
   */
  public Optional<User> authenticate(String name, String password) {
    Entry entry;
    synchronized (this) {
      entry = name == null ? null : users.get(name);
    }
    String hash = entry == null ? decoyHash : entry.passwordHash();
    boolean matches = hasher.matches(password == null ? "" : password, hash);
    return matches && entry != null ? Optional.of(entry.user()) : Optional.empty();
  }

  public synchronized Optional<User> user(String name) {
    Entry entry = users.get(name);
    return entry == null ? Optional.empty() : Optional.of(entry.user());
  }

  public synchronized List<User> users() {
    return users.values().stream().map(Entry::user).toList();
  }

  /** Adds a user; refuses an existing or malformed name and an empty password. */
  public synchronized void add(String name, String password, Set<Role> roles) {
    addUser(name, password, roles);
    changed();
    LOG.info("Added user '{}' with roles {}", name, roles);
  }

  private void addUser(String name, String password, Set<Role> roles) {
    checkName("user", name);
    if (users.containsKey(name)) {
      throw new IllegalArgumentException("user '" + name + "' exists already");
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("user '" + name + "' needs at least one role");
    }
    put(new User(name, roles), hasher.hash(checkedPassword(password)));
  }

  /** Replaces a user's password. */
  public synchronized void setPassword(String name, String password) {
    Entry entry = users.get(name);
    if (entry == null) {
      throw new IllegalArgumentException("no user '" + name + "'");
    }
    put(entry.user(), hasher.hash(checkedPassword(password)));
    changed();
    LOG.info("Password of user '{}' changed", name);
  }

  /**
   * Adds a wall display and returns its new token, which is stored only as a hash: show it once.
   * The display reads like a viewer, without idle expiry, until revoked.
   */
  public synchronized String addDisplay(String name) {
    checkName("display", name);
    if (displays.containsKey(name)) {
      throw new IllegalArgumentException(
          "display '" + name + "' exists already: revoke it first for a new token");
    }
    String token = Tokens.generate();
    displays.put(name, Tokens.hash(token));
    changed();
    LOG.info("Added display '{}'", name);
    return token;
  }

  /** Removes a wall display: its token no longer signs anything in. */
  public synchronized void revokeDisplay(String name) {
    if (displays.remove(name) == null) {
      throw new IllegalArgumentException("no display '" + name + "'");
    }
    changed();
    LOG.info("Revoked display '{}'", name);
  }

  /** The read-only identity of the display whose token this is; empty for any other token. */
  public synchronized Optional<User> display(String token) {
    String hash = Tokens.hash(token);
    for (Map.Entry<String, String> display : displays.entrySet()) {
      if (Tokens.same(display.getValue(), hash)) {
        return Optional.of(User.display(display.getKey()));
      }
    }
    return Optional.empty();
  }

  public synchronized List<String> displays() {
    return List.copyOf(displays.keySet());
  }

  /** Removes a user. */
  public synchronized void remove(String name) {
    if (users.remove(name) == null) {
      throw new IllegalArgumentException("no user '" + name + "'");
    }
    changed();
    LOG.info("Removed user '{}'", name);
  }

  /**
   * Adds a user without counting it as an operator's change: a default every node of a cluster adds
   * alike (the demo users), which must not make this node's users the cluster's newest.
   */
  synchronized void addDefault(String name, String password, Set<Role> roles) {
    addUser(name, password, roles);
    save();
    LOG.info("Added user '{}' with roles {}", name, roles);
  }

  public Path file() {
    return file;
  }

  /** When an operator last changed these users (epoch ms; 0: never since they were created). */
  public synchronized long changedAtMillis() {
    return changedAtMillis;
  }

  /**
   * The users, their password hashes and the displays' token hashes, with the time of the last
   * change, as the users file holds them: what the nodes of a cluster pass to each other.
   */
  public synchronized JsonObject document() {
    JsonArray array = new JsonArray();
    for (Entry entry : users.values()) {
      JsonArray roles = new JsonArray();
      entry.user().roles().stream().sorted().forEach(role -> roles.add(role.name()));
      array.add(
          new JsonObject()
              .put("name", entry.user().name())
              .put("roles", roles)
              .put("password", entry.passwordHash()));
    }
    JsonArray displayArray = new JsonArray();
    displays.forEach(
        (name, hash) ->
            displayArray.add(new JsonObject().put("name", name).put("tokenSha256", hash)));
    return new JsonObject()
        .put("changedAt", changedAtMillis)
        .put("users", array)
        .put("displays", displayArray);
  }

  /**
   * Takes the users of another node's document in place of these and writes them to this node's
   * users file; a malformed document changes nothing.
   */
  public synchronized void adopt(JsonObject document) throws IOException {
    Map<String, Entry> oldUsers = new LinkedHashMap<>(users);
    Map<String, String> oldDisplays = new LinkedHashMap<>(displays);
    long oldChangedAt = changedAtMillis;
    users.clear();
    displays.clear();
    try {
      read(document, "the cluster's users");
    } catch (IOException | RuntimeException e) {
      users.clear();
      displays.clear();
      users.putAll(oldUsers);
      displays.putAll(oldDisplays);
      changedAtMillis = oldChangedAt;
      throw e;
    }
    save();
    LOG.info(
        "Took the cluster's users (changed {}): {} users and {} displays",
        Instant.ofEpochMilli(changedAtMillis),
        users.size(),
        displays.size());
  }

  /** Called after every change an operator makes here (not after {@link #adopt}). */
  public synchronized void onChange(Runnable listener) {
    this.changeListener = listener;
  }

  private void changed() {
    changedAtMillis = Math.max(System.currentTimeMillis(), changedAtMillis + 1);
    save();
    changeListener.run();
  }

  private void put(User user, String passwordHash) {
    users.put(user.name(), new Entry(user, passwordHash));
  }

  private static void checkName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what + " name must be 1-64 characters of a-z, 0-9, '.', '_' or '-', got '" + name + "'");
    }
  }

  private static String checkedPassword(String password) {
    if (password == null || password.length() < 8) {
      throw new IllegalArgumentException("password must have at least 8 characters");
    }
    return password;
  }

  private void load() throws IOException {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    read(json, file.toString());
    LOG.info("Loaded {} users and {} displays from {}", users.size(), displays.size(), file);
  }

  private void read(JsonObject json, String source) throws IOException {
    JsonArray array = json.getJsonArray("users", new JsonArray());
    for (int i = 0; i < array.size(); i++) {
      JsonObject entry = array.getJsonObject(i);
      String name = entry.getString("name");
      String hash = entry.getString("password");
      if (name == null || hash == null) {
        throw new IOException(source + ": user #" + (i + 1) + " lacks 'name' or 'password'");
      }
      Set<Role> roles = EnumSet.noneOf(Role.class);
      for (Object role : entry.getJsonArray("roles", new JsonArray())) {
        try {
          roles.add(Role.valueOf(String.valueOf(role)));
        } catch (IllegalArgumentException e) {
          throw new IOException(source + ": user '" + name + "' has unknown role '" + role + "'");
        }
      }
      put(new User(name, roles), hash);
    }
    JsonArray displayArray = json.getJsonArray("displays", new JsonArray());
    for (int i = 0; i < displayArray.size(); i++) {
      JsonObject entry = displayArray.getJsonObject(i);
      String name = entry.getString("name");
      String hash = entry.getString("tokenSha256");
      if (name == null || hash == null) {
        throw new IOException(source + ": display #" + (i + 1) + " lacks 'name' or 'tokenSha256'");
      }
      displays.put(name, hash);
    }
    changedAtMillis = json.getLong("changedAt", 0L);
  }

  private void save() {
    Path temp = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      Files.writeString(temp, document().encodePrettily());
      restrictToOwner(temp);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void restrictToOwner(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the data directory's own permissions have to do.
    }
  }

  private static String generatePassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder(GENERATED_PASSWORD_LENGTH);
    for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
      password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }
}
