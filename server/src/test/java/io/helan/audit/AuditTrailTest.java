package io.helan.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditTrailTest {
  @TempDir Path dataDir;
  Path log;

  @BeforeEach
  void writeFiveRecords() throws Exception {
    try (AuditTrail trail = AuditTrail.open(dataDir)) {
      for (int i = 1; i <= 5; i++) {
        trail.append(
            "maintainer",
            Origin.rest("127.0.0.1:5000" + i),
            "command.select",
            "yc-xinghuayuan.aqm/zero-calibration",
            "step " + i + " 零点校准",
            "SELECTED");
      }
    }
    log = dataDir.resolve(AuditTrail.DIRECTORY).resolve(AuditTrail.LOG_FILE);
  }

  @Test
  void intactTrailVerifiesWithExitCodeZero() {
    Verify run = verify();
    assertThat(run.exitCode).isZero();
    assertThat(run.out).contains("intact: 5 records");
  }

  @Test
  void reopeningContinuesTheChain() throws Exception {
    try (AuditTrail trail = AuditTrail.open(dataDir)) {
      AuditRecord sixth = trail.append("admin", Origin.cli(), "login", "admin", "", "ok");
      assertThat(sixth.seq()).isEqualTo(6);
      assertThat(sixth.prevHash()).isEqualTo(AuditRecord.parse(lines().get(4)).hash());
    }
    assertThat(AuditVerifier.verify(dataDir).intact()).isTrue();
    assertThat(AuditVerifier.verify(dataDir).records()).isEqualTo(6);
  }

  @Test
  void editedRecordIsFound() throws Exception {
    List<String> lines = lines();
    lines.set(2, lines.get(2).replace("\"SELECTED\"", "\"REFUSED\""));
    Files.write(log, lines);
    Verify run = verify();
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("BROKEN at record 3", "altered");
  }

  @Test
  void editedRecordWithRecomputedHashIsFoundByTheNextLink() throws Exception {
    List<String> lines = lines();
    AuditRecord original = AuditRecord.parse(lines.get(2));
    AuditRecord forged =
        AuditRecord.chained(
            original.seq(),
            original.time(),
            "commander",
            original.channel(),
            original.address(),
            original.action(),
            original.target(),
            original.detail(),
            original.result(),
            original.prevHash());
    lines.set(2, forged.toJsonLine());
    Files.write(log, lines);
    AuditVerification result = AuditVerifier.verify(dataDir);
    assertThat(result.intact()).isFalse();
    assertThat(result.firstBrokenSeq()).isEqualTo(4);
    assertThat(result.problem()).contains("does not chain");
  }

  @Test
  void removedRecordIsFound() throws Exception {
    List<String> lines = lines();
    lines.remove(2);
    Files.write(log, lines);
    Verify run = verify();
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("BROKEN at record 3", "record 3 missing");
  }

  @Test
  void insertedRecordIsFound() throws Exception {
    List<String> lines = lines();
    lines.add(2, lines.get(1));
    Files.write(log, lines);
    Verify run = verify();
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("BROKEN at record 2", "inserted");
  }

  @Test
  void recordsCutOffTheEndAreFoundThroughTheHeadAnchor() throws Exception {
    List<String> lines = lines();
    Files.write(log, lines.subList(0, 3));
    Verify run = verify();
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("ends at record 3", "anchors 5", "cut off the end");
  }

  @Test
  void missingTrailFailsVerification() throws Exception {
    Files.delete(log);
    Verify run = verify();
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("no audit trail");
  }

  @Test
  void aRecordTornByACrashIsCutAtOpenAndTheChainGoesOn() throws Exception {
    Files.writeString(log, "{\"seq\":6,\"time\":\"2026-", StandardOpenOption.APPEND);
    try (AuditTrail trail = AuditTrail.open(dataDir)) {
      assertThat(trail.append("admin", Origin.cli(), "login", "admin", "", "ok").seq())
          .isEqualTo(6);
    }
    assertThat(AuditVerifier.verify(dataDir).intact()).isTrue();
  }

  @Test
  void onlyOneWriterAtATime() throws Exception {
    try (AuditTrail first = AuditTrail.open(dataDir)) {
      assertThatThrownBy(() -> AuditTrail.open(dataDir))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("open in another server or tool");
    }
    AuditTrail.open(dataDir).close();
  }

  private List<String> lines() throws Exception {
    return new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
  }

  private record Verify(int exitCode, String out, String err) {}

  private Verify verify() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = new CommandLine(new AuditCommand());
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    int code = cli.execute("verify", "--data-dir", dataDir.toString());
    return new Verify(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
