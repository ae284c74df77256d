package io.helan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrapeTokenTest {
  @TempDir Path dataDir;

  @Test
  void firstStartWritesAnOwnerOnlyTokenThatLaterStartsKeep() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ScrapeToken first = ScrapeToken.open(dataDir, new PrintStream(console, true));
    Path file = dataDir.resolve(ScrapeToken.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String token = Files.readString(file).trim();
    assertThat(token).hasSize(43);
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains(file.toString())
        .doesNotContain(token);
    assertThat(first.matches("Bearer " + token)).isTrue();
    assertThat(first.matches("Bearer " + token + "x")).isFalse();
    assertThat(first.matches(token)).isFalse();
    assertThat(first.matches(null)).isFalse();

    ScrapeToken again = ScrapeToken.open(dataDir, new PrintStream(new ByteArrayOutputStream()));
    assertThat(again.matches("Bearer " + token)).isTrue();
  }
}
