package io.helan.auth;

import io.helan.audit.AuditTrail;
import io.helan.audit.Origin;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code helan users}: list users, add one, set a password (the way back in when the admin password
 * printed at first start is lost). Works on a stopped server's data directory only — a running
 * server holds the users in memory and the audit trail open — and audits every change.
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage the users of a stopped server's data directory.",
    subcommands = {
      UsersCommand.ListUsers.class,
      UsersCommand.AddUser.class,
      UsersCommand.SetPassword.class
    })
public final class UsersCommand implements Runnable {
  @Spec CommandSpec spec;

  /** The terminal, when there is one: passwords are then read without echo. */
  private final Console console;

  /** Where passwords are read from otherwise (scripts, tests), one per line. */
  private final BufferedReader input;

  public UsersCommand() {
    this(
        System.console(),
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
  }

  /** Reads passwords from {@code input}, never from a console. */
  public UsersCommand(BufferedReader input) {
    this(null, input);
  }

  private UsersCommand(Console console, BufferedReader input) {
    this.console = console;
    this.input = input;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options every subcommand shares. */
  static class DataDir {
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        defaultValue = "data",
        description = "Data directory of the server (default: ${DEFAULT-VALUE}).")
    Path dataDir;
  }

  /** {@code users list}. */
  @Command(name = "list", description = "List users and their roles.")
  static final class ListUsers extends DataDir implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      for (User user : UserDirectory.open(dataDir.toAbsolutePath()).users()) {
        out.printf("%-20s %s%n", user.name(), user.roles().stream().sorted().toList());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code users add NAME --role ROLE...}. */
  @Command(name = "add", description = "Add a user; asks for the password.")
  static final class AddUser extends DataDir implements Callable<Integer> {
    @ParentCommand UsersCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "User name (a-z, 0-9, '.', '_', '-').")
    String name;

    @Option(
        names = "--role",
        required = true,
        description = "Role: ${COMPLETION-CANDIDATES}; repeat for several.")
    List<Role> roles;

    @Override
    public Integer call() throws IOException {
      return parent.change(
          spec,
          dataDir,
          "user.add",
          name,
          "roles " + roles,
          (users, password) -> users.add(name, password, EnumSet.copyOf(roles)));
    }
  }

  /** {@code users set-password NAME}. */
  @Command(name = "set-password", description = "Set a user's password; asks for it.")
  static final class SetPassword extends DataDir implements Callable<Integer> {
    @ParentCommand UsersCommand parent;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "User name.")
    String name;

    @Override
    public Integer call() throws IOException {
      return parent.change(
          spec,
          dataDir,
          "user.set-password",
          name,
          "",
          (users, password) -> users.setPassword(name, password));
    }
  }

  /** A change to one user, with a password read twice. */
  @FunctionalInterface
  interface UserChange {
    void apply(UserDirectory users, String password);
  }

  private int change(
      CommandSpec spec, Path dataDir, String action, String name, String detail, UserChange change)
      throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Path data = dataDir.toAbsolutePath();
    AuditTrail audit;
    try {
      audit = AuditTrail.open(data);
    } catch (IOException e) {
      err.println("Cannot change users: " + e.getMessage() + " (stop the server first)");
      err.flush();
      return 1;
    }
    try (audit) {
      UserDirectory users = UserDirectory.open(data);
      String password = readPassword("New password for " + name + ": ");
      if (password == null || !password.equals(readPassword("Again: "))) {
        err.println("The passwords differ or none was given: nothing changed.");
        err.flush();
        return 1;
      }
      try {
        change.apply(users, password);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        err.flush();
        audit.append(
            System.getProperty("user.name"),
            Origin.cli(),
            action,
            name,
            detail,
            "refused: " + e.getMessage());
        return 1;
      }
      audit.append(System.getProperty("user.name"), Origin.cli(), action, name, detail, "ok");
      spec.commandLine().getOut().println("Done: " + action + " " + name);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  private String readPassword(String prompt) throws IOException {
    if (console != null) {
      char[] typed = console.readPassword(prompt);
      return typed == null ? null : new String(typed);
    }
    return input.readLine();
  }
}
