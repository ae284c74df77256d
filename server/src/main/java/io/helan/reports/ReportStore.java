package io.helan.reports;

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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The generated reports on disk, one folder per report and three files per revision: {@code
 * <data-dir>/reports/daily-2026-12-06/r2.xlsx}, {@code r2.pdf} and {@code r2.json} (what {@link
 * ReportRevision} holds). The JSON is written last, so a listed revision has its files. Revisions
 * are never overwritten.
 */
final class ReportStore {
  private final Path root;

  ReportStore(Path root) {
    this.root = root;
  }

  void save(ReportRevision revision, byte[] xlsx, byte[] pdf) {
    Path folder = root.resolve(revision.id());
    String name = "r" + revision.revision();
    try {
      Files.createDirectories(folder);
      write(folder.resolve(name + ".xlsx"), xlsx);
      write(folder.resolve(name + ".pdf"), pdf);
      write(
          folder.resolve(name + ".json"),
          revision.toJson().encodePrettily().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not store report " + revision.id(), e);
    }
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temporary, bytes);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The report's revisions, oldest first; empty when it was never generated. */
  List<ReportRevision> revisions(String id) {
    Path folder = root.resolve(id);
    List<ReportRevision> revisions = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return revisions;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        revisions.add(
            ReportRevision.fromJson(
                new JsonObject(Files.readString(file, StandardCharsets.UTF_8))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read report " + id, e);
    }
    revisions.sort(Comparator.comparingInt(ReportRevision::revision));
    return revisions;
  }

  Optional<ReportRevision> latest(String id) {
    List<ReportRevision> revisions = revisions(id);
    return revisions.isEmpty()
        ? Optional.empty()
        : Optional.of(revisions.get(revisions.size() - 1));
  }

  /** The ids of every stored report. */
  List<String> ids() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(root)) {
      return folders
          .filter(Files::isDirectory)
          .map(f -> f.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list reports", e);
    }
  }

  /** A revision's file: {@code xlsx} or {@code pdf}. */
  byte[] file(ReportRevision revision, String format) {
    try {
      return Files.readAllBytes(
          root.resolve(revision.id()).resolve("r" + revision.revision() + "." + format));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read report " + revision.id(), e);
    }
  }
}
