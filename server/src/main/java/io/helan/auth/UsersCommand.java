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
 * {@code helan users}: list users and displays, add a user, set a password (the way back in when
 * the admin password printed at first start is lost), add or revoke a wall display's token. Works
 * on a stopped server's data directory only — a running server holds the users in memory and the
 * audit trail open — and audits every change.
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage the users of a stopped server's data directory.",
    subcommands = {
      UsersCommand.ListUsers.class,
      UsersCommand.AddUser.class,
      UsersCommand.SetPassword.class,
      UsersCommand.AddDisplay.class,
      UsersCommand.RevokeDisplay.class
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
  @Command(name = "list", description = "List users and their roles, and the displays.")
  static final class ListUsers extends DataDir implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      UserDirectory users = UserDirectory.open(dataDir.toAbsolutePath());
      for (User user : users.users()) {
        out.printf("%-20s %s%n", user.name(), user.roles().stream().sorted().toList());
      }
      for (String display : users.displays()) {
        out.printf("%-20s display (reads like a viewer)%n", display);
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

  /** {@code users add-display NAME}. */
  @Command(
      name = "add-display",
      description = "Add a wall display and print its token once; open the HMI as /?token=<token>.")
  static final class AddDisplay extends DataDir implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Display name (a-z, 0-9, '.', '_', '-').")
    String name;

    @Override
    public Integer call() throws IOException {
      return audited(
          spec,
          dataDir,
          "display.add",
          name,
          "",
          users -> {
            String token = users.addDisplay(name);
            spec.commandLine()
                .getOut()
                .printf(
                    "Token of display '%s' (shown only now, stored only as a hash):%n%n    %s%n%n"
                        + "Open the HMI at http://<server>/?token=%s%n",
                    name, token, token);
          });
    }
  }

  /** {@code users revoke-display NAME}. */
  @Command(name = "revoke-display", description = "Revoke a wall display's token.")
  static final class RevokeDisplay extends DataDir implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Display name.")
    String name;

    @Override
    public Integer call() throws IOException {
      return audited(spec, dataDir, "display.revoke", name, "", users -> users.revokeDisplay(name));
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
    return audited(
        spec,
        dataDir,
        action,
        name,
        detail,
        users -> {
          String password = readPassword("New password for " + name + ": ");
          if (password == null || !password.equals(readPassword("Again: "))) {
            throw new IllegalArgumentException(
                "The passwords differ or none was given: nothing changed.");
          }
          change.apply(users, password);
        });
  }

  /** A change to the users file; refuses with an IllegalArgumentException. */
  @FunctionalInterface
  interface Change {
    void apply(UserDirectory users) throws IOException;
  }

  /** Runs the change with the audit trail open and records its outcome there. */
  private static int audited(
      CommandSpec spec, Path dataDir, String action, String name, String detail, Change change)
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
      try {
        change.apply(users);
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
