package io.helan.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token a Prometheus scraper sends as {@code Authorization: Bearer <token>} to read {@code
 * /metrics}. It is generated at the first start into {@code <data-dir>/metrics-token}, readable by
 * its owner only, so that Prometheus can use the file as its {@code credentials_file}.
 */
public final class ScrapeToken {
  private static final Logger LOG = LoggerFactory.getLogger(ScrapeToken.class);
  public static final String FILE_NAME = "metrics-token";

  private final String token;

  private ScrapeToken(String token) {
    this.token = token;
  }

  /** Reads the token of the data directory, creating it on the first start; says where it is. */
  public static ScrapeToken open(Path dataDir, PrintStream console) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      create(file);
      LOG.info("Created the metrics scrape token in {}", file);
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (token.isEmpty()) {
      throw new IOException(file + " is empty: delete it to have a new token generated");
    }
    console.printf("Metrics: GET /metrics with 'Authorization: Bearer <the token in %s>'%n", file);
    console.flush();
    return new ScrapeToken(token);
  }

  /** Whether the request's Authorization header carries this token. */
  public boolean matches(String authorizationHeader) {
    String given = BearerAuth.headerToken(authorizationHeader);
    return given != null && Tokens.same(given, token);
  }

  private static void create(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the data directory's own permissions have to do.
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      return;
    }
    Files.writeString(file, Tokens.generate() + "\n", StandardCharsets.UTF_8);
  }
}
