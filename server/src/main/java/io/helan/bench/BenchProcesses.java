package io.helan.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the benchmarks that run other processes share: the java command, free ports, clean-up. */
final class BenchProcesses {
  private BenchProcesses() {}

  /** The java executable this process runs on, for child JVMs on the same class path. */
  static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * A child JVM on this process's class path running {@code mainClass}, with the module openings
   * the jar's manifest grants when started with -jar.
   */
  static ProcessBuilder java(List<String> options, String mainClass, String... args) {
    String java = javaCommand();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(options);
    command.add("-Dvertx.disableDnsResolver=true");
    // what the jar's manifest grants when started with -jar
    command.addAll(
        List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.management/sun.management=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /** A port free on this machine just now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Deletes a directory and everything below it; nothing if it does not exist. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
