package io.helan.sources;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import io.helan.auth.Role;
import io.helan.auth.User;
import io.helan.config.Site;
import io.helan.config.SiteChangeLock;
import io.helan.dispersion.LocalFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The register of radioactive sources, kept in {@code <data-dir>/radioactive-sources.json}.
 * Everyone signed in reads it; a commander (or an admin) adds, changes and removes sources, each
 * change audited with the user. It is part of the site's configuration: while the lock says so (an
 * incident is open) every change is refused.
 *
 * <p>Refusals are exceptions the REST layer maps: {@link SecurityException} (role), {@link
 * IllegalArgumentException} (bad input), {@link NoSuchElementException} (unknown source), {@link
 * IllegalStateException} (locked, or the id is taken).
 */
public final class SourceRegister {
  public static final String FILE_NAME = "radioactive-sources.json";

  /** The default site's register on the classpath (config module, beside its site file). */
  public static final String DEFAULT_SITE_RESOURCE = "sites/ningxia/" + FILE_NAME;

  /** Beyond any sealed source in use (the largest teletherapy sources hold about 5e14 Bq). */
  static final double MAX_ACTIVITY_BQ = 1e17;

  /** A fence closer than GNSS can tell would alarm on its jitter alone. */
  static final double MIN_FENCE_METRES = 20;

  static final double MAX_FENCE_METRES = 50_000;

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern NUCLIDE = Pattern.compile("[A-Z][a-z]?-[0-9]{1,3}m?");
  private static final int MAX_TEXT = 200;

  private final Site site;
  private final Path file;
  private final AuditTrail audit;
  private final SiteChangeLock lock;
  private final List<Consumer<JsonObject>> listeners = new CopyOnWriteArrayList<>();

  // guarded by this
  private final Map<String, RadioactiveSource> sources = new TreeMap<>();

  private SourceRegister(Site site, Path file, AuditTrail audit, SiteChangeLock lock) {
    this.site = site;
    this.file = file;
    this.audit = audit;
    this.lock = lock;
  }

  /** The register of the data directory (empty if it has none yet). */
  public static SourceRegister open(Site site, Path dataDir, AuditTrail audit, SiteChangeLock lock)
      throws IOException {
    SourceRegister register = new SourceRegister(site, dataDir.resolve(FILE_NAME), audit, lock);
    register.load();
    return register;
  }

  /**
   * Fills a register that has never been written with the sources of a JSON document of the same
   * form (the default site's bundled register); a register on disk stays as it is.
   */
  public synchronized void seedIfNew(String json) {
    if (Files.exists(file)) {
      return;
    }
    read(json);
    save();
  }

  /** The default site's register, bundled with its site file. */
  public static String defaultSiteSources() {
    try (java.io.InputStream in =
        SourceRegister.class.getClassLoader().getResourceAsStream(DEFAULT_SITE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_SITE_RESOURCE + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_SITE_RESOURCE, e);
    }
  }

  /** Hears every change: {@code {change: created|updated|deleted, source}}. */
  public void addListener(Consumer<JsonObject> listener) {
    listeners.add(listener);
  }

  public synchronized List<RadioactiveSource> all() {
    return List.copyOf(sources.values());
  }

  public synchronized Optional<RadioactiveSource> source(String id) {
    return Optional.ofNullable(sources.get(id));
  }

  /** The sources within {@code radiusMeters} of a place, nearest first. */
  public synchronized List<RadioactiveSource> within(
      double latitude, double longitude, double radiusMeters) {
    LocalFrame frame = new LocalFrame(latitude, longitude);
    return sources.values().stream()
        .filter(s -> frame.distance(s.latitude(), s.longitude()) <= radiusMeters)
        .sorted(Comparator.comparingDouble(s -> frame.distance(s.latitude(), s.longitude())))
        .toList();
  }

  public synchronized RadioactiveSource create(User user, Origin origin, RadioactiveSource source) {
    check(user, origin, "source.create", source.id());
    validate(user, origin, "source.create", source);
    if (sources.containsKey(source.id())) {
      throw refused(
          user,
          origin,
          "source.create",
          source.id(),
          new IllegalStateException("source '" + source.id() + "' is already registered"));
    }
    return change(user, origin, "source.create", "created", source);
  }

  public synchronized RadioactiveSource update(User user, Origin origin, RadioactiveSource source) {
    check(user, origin, "source.update", source.id());
    known(user, origin, "source.update", source.id());
    validate(user, origin, "source.update", source);
    return change(user, origin, "source.update", "updated", source);
  }

  public synchronized RadioactiveSource delete(User user, Origin origin, String id) {
    check(user, origin, "source.delete", id);
    RadioactiveSource removed = known(user, origin, "source.delete", id);
    audit.append(
        user.name(), origin, "source.delete", id, SourceJson.source(removed).encode(), "ok");
    sources.remove(id);
    save();
    tell("deleted", removed);
    return removed;
  }

  private RadioactiveSource change(
      User user, Origin origin, String action, String change, RadioactiveSource source) {
    audit.append(
        user.name(), origin, action, source.id(), SourceJson.source(source).encode(), "ok");
    sources.put(source.id(), source);
    save();
    tell(change, source);
    return source;
  }

  private void tell(String change, RadioactiveSource source) {
    JsonObject message =
        new JsonObject().put("change", change).put("source", SourceJson.source(source));
    listeners.forEach(listener -> listener.accept(message));
  }

  /** The role, then the lock: refused (and audited) unless the user may change the register now. */
  void check(User user, Origin origin, String action, String id) {
    if (user.display() || !user.has(Role.COMMANDER)) {
      throw refused(
          user,
          origin,
          action,
          id,
          new SecurityException(
              "editing the radioactive-source register needs the commander role; "
                  + user.name()
                  + " has "
                  + user.roles().stream().map(r -> r.name().toLowerCase()).sorted().toList()));
    }
    Optional<String> locked = lock.refusal();
    if (locked.isPresent()) {
      throw refused(user, origin, action, id, new IllegalStateException(locked.get()));
    }
  }

  private RadioactiveSource known(User user, Origin origin, String action, String id) {
    RadioactiveSource known = sources.get(id);
    if (known == null) {
      throw refused(
          user,
          origin,
          action,
          id,
          new NoSuchElementException("no radioactive source '" + id + "'"));
    }
    return known;
  }

  private void validate(User user, Origin origin, String action, RadioactiveSource source) {
    List<String> problems = new ArrayList<>();
    if (source.id() == null || !ID.matcher(source.id()).matches()) {
      problems.add("'id' must be lower-case letters, digits and '-' (at most 64)");
    }
    text(problems, "name", source.name());
    text(problems, "category", source.category());
    text(problems, "holder", source.holder());
    if (source.nuclide() == null || !NUCLIDE.matcher(source.nuclide()).matches()) {
      problems.add("'nuclide' must be written like Co-60, Cs-137 or Tc-99m");
    }
    if (!(source.activityBq() > 0 && source.activityBq() <= MAX_ACTIVITY_BQ)) {
      problems.add(
          "activity " + source.activityBq() + " Bq is not above 0 and at most " + MAX_ACTIVITY_BQ);
    }
    if (!site.emergency().bounds().contains(source.latitude(), source.longitude())) {
      problems.add(
          "location "
              + source.latitude()
              + ", "
              + source.longitude()
              + " is outside the site ("
              + site.emergency().bounds()
              + ")");
    }
    if (!Double.isNaN(source.fenceMetres())
        && !(source.fenceMetres() >= MIN_FENCE_METRES
            && source.fenceMetres() <= MAX_FENCE_METRES)) {
      problems.add(
          "fence "
              + source.fenceMetres()
              + " m is not between "
              + MIN_FENCE_METRES
              + " and "
              + MAX_FENCE_METRES
              + " m");
    }
    for (String point : source.points()) {
      if (site.point(point).isEmpty()) {
        problems.add("no point '" + point + "' in the site");
      }
    }
    if (!problems.isEmpty()) {
      throw refused(
          user,
          origin,
          action,
          source.id() == null ? "-" : source.id(),
          new IllegalArgumentException(String.join("; ", problems)));
    }
  }

  private static void text(List<String> problems, String key, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
      problems.add("'" + key + "' is required (text of at most " + MAX_TEXT + " characters)");
    }
  }

  /** Audits a refusal and returns it to throw. */
  private <E extends RuntimeException> E refused(
      User user, Origin origin, String action, String id, E refusal) {
    audit.append(user.name(), origin, action, id, refusal.getMessage(), "refused");
    return refusal;
  }

  private void load() throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    read(Files.readString(file, StandardCharsets.UTF_8));
  }

  private void read(String json) {
    JsonArray array = new JsonObject(json).getJsonArray("sources");
    for (int i = 0; i < array.size(); i++) {
      RadioactiveSource source = SourceJson.source(array.getJsonObject(i));
      sources.put(source.id(), source);
    }
  }

  private void save() {
    JsonArray array = new JsonArray();
    sources.values().forEach(source -> array.add(SourceJson.source(source)));
    Path temp = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      Files.writeString(temp, new JsonObject().put("sources", array).encodePrettily());
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
